// Cryptographic primitives Duban relies on: SHA-256 (OpenSSL), random tokens and argon2id
// password hashes (libsodium). Call InitCrypto() once at start. All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace duban {

// kInternal when libsodium cannot initialise (no entropy source).
Status InitCrypto();

std::string Sha256Hex(std::string_view data);
// `bytes` random bytes from the OS CSPRNG as lowercase hex (2 * bytes characters).
std::string RandomHex(size_t bytes);
// Constant-time comparison of two strings of equal length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Hashes and verifies passwords. An interface so tests can use cheap parameters.
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // The encoded hash ("$argon2id$v=19$m=...") including its salt and parameters.
  virtual Result<std::string> Hash(std::string_view password) const = 0;
  virtual bool Verify(std::string_view encoded_hash, std::string_view password) const = 0;
};

// argon2id with the given cost. Defaults are libsodium's INTERACTIVE limits (64 MiB, 2 passes).
class Argon2idHasher final : public PasswordHasher {
 public:
  Argon2idHasher();
  Argon2idHasher(unsigned long long ops_limit, size_t mem_limit_bytes)
      : ops_limit_(ops_limit), mem_limit_(mem_limit_bytes) {}
  Result<std::string> Hash(std::string_view password) const override;
  bool Verify(std::string_view encoded_hash, std::string_view password) const override;

 private:
  unsigned long long ops_limit_;
  size_t mem_limit_;
};

}  // namespace duban
