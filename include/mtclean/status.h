// Status and StatusOr: how mtclean reports configuration and I/O errors.
//
// A Status is either OK or carries one human-readable line that names what went wrong and
// where ("pipeline/presets/x.pipeline:3: unknown stage 'foo' (known: unicode, punctuation)").
// The CLI prints the message as is, so write it for the person who has to fix the problem.
#ifndef MTCLEAN_STATUS_H_
#define MTCLEAN_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mtclean {

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kOk = "OK";
    return message_ ? *message_ : kOk;
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : data_(std::move(value)) {}          // NOLINT: implicit on purpose
  StatusOr(Status status) : data_(std::move(status)) {}   // NOLINT: must not be OK

  bool ok() const { return std::holds_alternative<T>(data_); }
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& value() const& { return std::get<T>(data_); }
  T* operator->() { return &value(); }
  T& operator*() { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace mtclean

#endif  // MTCLEAN_STATUS_H_
