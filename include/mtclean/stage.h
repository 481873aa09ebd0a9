// Stage: one step of the cleaning chain, and what a stage author needs to write one.
//
// A Stage is built once by its factory from validated options and is immutable afterwards:
// Process() is const and is called concurrently from many workers. Anything mutable (an ICU
// iterator, Hunspell handle, scratch buffers) lives in a StageScratch that the runner creates
// once per worker with NewScratch() and passes back on every call.
//
// Process() reads the input and writes its output through a TextRewriter, which copies the
// unchanged bytes and records one Edit per change, so a stage never computes offsets itself:
//
//   void MyStage::Process(std::string_view in, StageContext& ctx) const {
//     for (size_t pos = in.find("  "); pos != in.npos; pos = in.find("  ", pos + 2))
//       ctx.rewriter.Replace(pos, pos + 2, " ", kRuleDoubleSpace, 0.99f);
//   }
#ifndef MTCLEAN_STAGE_H_
#define MTCLEAN_STAGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mtclean/document.h"
#include "mtclean/edit.h"
#include "mtclean/status.h"

namespace mtclean {

// One rule of a stage: the id written to the edit log, a one-line meaning and an example.
struct RuleInfo {
  std::string_view id;
  std::string_view summary;
  std::string_view example_before;
  std::string_view example_after;
};

enum class OptionType : uint8_t { kBool, kInt, kDouble, kString };

struct OptionInfo {
  std::string_view name;
  OptionType type;
  std::string_view default_value;
  std::string_view help;
};

// Validated options handed to a stage factory (every declared option has a value).
class StageOptions {
 public:
  void Set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  bool GetBool(std::string_view name) const;
  int64_t GetInt(std::string_view name) const;
  double GetDouble(std::string_view name) const;
  const std::string& GetString(std::string_view name) const;
  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Builds the output text of one stage from its input and records the edits.
// Calls must come in increasing input position; bytes not covered are copied unchanged.
class TextRewriter {
 public:
  void Reset(std::string_view in, std::string* out, std::vector<Edit>* edits,
             std::vector<Edit>* flags);
  // Replaces in[begin, end) with `replacement`. Ignored (returns false) when it would overlap
  // an earlier change or when the replacement equals the original bytes.
  bool Replace(size_t begin, size_t end, std::string_view replacement, uint16_t rule,
               float confidence);
  bool Delete(size_t begin, size_t end, uint16_t rule, float confidence) {
    return Replace(begin, end, {}, rule, confidence);
  }
  bool Insert(size_t at, std::string_view text, uint16_t rule, float confidence) {
    return Replace(at, at, text, rule, confidence);
  }
  // Marks in[begin, end) for review without changing it. May be called in any order.
  // `features`: bits of the stage's features() that led to the flag; `evidence`: what the
  // stage saw, in words, for a reviewer.
  void Flag(size_t begin, size_t end, uint16_t rule, float confidence, uint32_t features = 0,
            std::string evidence = {});
  // Sets the whole output at once from a stage that ran its own passes (see
  // pipeline/multi_pass.h): `edits` map this rewriter's input to `output`. Must be the only
  // change made through this rewriter.
  void Adopt(std::string_view output, const std::vector<Edit>& edits,
             const std::vector<Edit>& flags);
  // Copies the rest of the input. Called by the runner after Process(). When no edit was
  // made the output is left empty: the input is the output.
  void Finish();

  size_t cursor() const { return cursor_; }  // input bytes consumed so far
  std::string_view input() const { return in_; }

 private:
  std::string_view in_;
  std::string* out_ = nullptr;
  std::vector<Edit>* edits_ = nullptr;
  std::vector<Edit>* flags_ = nullptr;
  size_t cursor_ = 0;
};

class StageScratch {
 public:
  virtual ~StageScratch() = default;
};

// What a stage learns from a whole batch before cleaning it (lines repeated across the
// pages of a site, the spellings of a name). Gathered per worker in a first pass, merged
// with Merge(), and saved with Serialize() so that shards of a distributed run can be
// observed apart, merged, and each cleaned with the merged knowledge.
class CorpusStats {
 public:
  virtual ~CorpusStats() = default;
  virtual void Merge(const CorpusStats& other) = 0;
  virtual void Serialize(std::string* out) const = 0;
  virtual Status Deserialize(std::string_view in) = 0;
};

struct StageContext {
  const Document& document;  // metadata (id, language); its text is the original input
  StageScratch* scratch;     // from NewScratch(), may be null
  TextRewriter& rewriter;
  // Set by a stage that wants the whole document dropped (e.g. it is all boilerplate).
  bool drop = false;
  std::string drop_reason;
  // What the stage observed over the batch (see CorpusStats), or null.
  const CorpusStats* corpus = nullptr;
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual std::span<const RuleInfo> rules() const = 0;
  // Names of the bits an edit's `features` may carry (the evidence behind a flag), if any.
  virtual std::span<const std::string_view> features() const { return {}; }
  virtual std::unique_ptr<StageScratch> NewScratch() const { return nullptr; }
  virtual void Process(std::string_view in, StageContext& ctx) const = 0;
  // Stages that learn from the whole batch return empty statistics here (null: no first
  // pass), and fill them from each document's raw text in Observe(), which must be
  // thread-safe: every worker observes into its own statistics.
  virtual std::unique_ptr<CorpusStats> NewCorpusStats() const { return nullptr; }
  virtual void Observe(std::string_view /*text*/, CorpusStats& /*stats*/) const {}
  // Whether a second run over the stage's own output always changes nothing. The runner
  // runs a stage that says no again after it changed the text, until it changes nothing.
  virtual bool idempotent() const { return true; }
};

// What a factory needs besides options: where the dictionaries are.
struct StageEnvironment {
  std::string data_dir;
};

// How the registry knows a stage: its name, what it does, its rules and options, and how to
// build it (a factory that can fail with a message naming the file or option at fault).
struct StageDescriptor {
  std::string_view name;
  std::string_view summary;
  std::span<const RuleInfo> rules;
  std::span<const OptionInfo> options;
  std::function<StatusOr<std::unique_ptr<Stage>>(const StageOptions&, const StageEnvironment&)>
      create;
};

}  // namespace mtclean

#endif  // MTCLEAN_STAGE_H_
