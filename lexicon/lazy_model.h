// A model read from its file the first time a document needs it, so that a run pays at
// start-up only for the models it meets (`echo hi | mtclean clean` reads none). Check() at
// set-up says whether the file is there; thread-safe afterwards. `T` has
// `static StatusOr<std::unique_ptr<T>> Load(const std::string& path)`. The LazyModels of one
// file share one loaded model (two stages that read the same word counts map them once).
#ifndef MTCLEAN_LEXICON_LAZY_MODEL_H_
#define MTCLEAN_LEXICON_LAZY_MODEL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "mtclean/status.h"

namespace mtclean {

template <class T>
class LazyModel {
 public:
  // `what` names the model in the error a user sees ("accent model").
  LazyModel(std::string path, std::string what) : path_(std::move(path)), what_(std::move(what)) {}
  // Moved only while a stage is set up, before any load.
  LazyModel(LazyModel&& other) noexcept
      : path_(std::move(other.path_)), what_(std::move(other.what_)) {}
  LazyModel(const LazyModel&) = delete;
  LazyModel& operator=(const LazyModel&) = delete;

  // Whether the file can be read (the error a user sees when the build made no model).
  Status Check() const {
    if (access(path_.c_str(), R_OK) != 0)
      return Status::Error("cannot read " + what_ + " " + path_ + " (run scripts/setup.sh, then build)");
    return Status();
  }
  // The model, loaded on first use. A file that went unreadable or bad since Check() ends
  // the process with its message: the build's own data is broken.
  const T* get() const {
    std::call_once(once_, [this] {
      static std::mutex mutex;
      static auto* loaded_models = new std::unordered_map<std::string, std::weak_ptr<T>>();  // by path
      std::lock_guard<std::mutex> lock(mutex);
      std::weak_ptr<T>& shared = (*loaded_models)[path_];
      if ((model_ = shared.lock()) != nullptr) return;
      model_ = LoadOrDie();
      shared = model_;
    });
    return model_.get();
  }
  const T& operator*() const { return *get(); }
  const T* operator->() const { return get(); }

 private:
  std::shared_ptr<T> LoadOrDie() const {
    auto loaded = T::Load(path_);
    if (!loaded.ok()) {
      std::fprintf(stderr, "mtclean: %s\n", loaded.status().message().c_str());
      std::abort();
    }
    return std::move(*loaded);
  }

  std::string path_, what_;
  mutable std::once_flag once_;
  mutable std::shared_ptr<T> model_;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_LAZY_MODEL_H_
