// The TOML configuration file of `duban serve --config`: any text is read or refused with
// kInvalidArgument, never a crash; what is read is in range, and a refused file changes
// nothing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  duban::cli::ServeConfig config;
  config.listen = "sentinel";
  duban::Status s = duban::cli::LoadConfigText(text, "fuzz.toml", config);
  if (!s.ok()) {
    if (s.code() != duban::ErrorCode::kInvalidArgument || config.listen != "sentinel") {
      std::abort();
    }
    return 0;
  }
  if (config.io_threads < 0 || config.io_threads > 256 || config.max_body_mb < 1 ||
      config.max_body_mb > 1024 || config.sweep_minutes < 1 || config.sweep_minutes > 1440 ||
      config.reader_connections < 1 || config.reader_connections > 64) {
    std::abort();
  }
  if (!config.listen.empty()) {
    std::string host;
    unsigned short port = 0;
    (void)duban::cli::ParseListen(config.listen, host, port);
  }
  return 0;
}
