# Writes OUT: a .cc defining `std::string_view duban::SYMBOL()` over the bytes of IN, included
# in the binary so that nothing is read from disk at run time. NAME is IN as the comment shows it.
# Bytes, not a string literal: any content is safe and -Woverlength-strings stays quiet.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# One line of bytes per line of the file.
string(REPLACE "0x0a," "0x0a,\n    " bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${NAME}; do not edit.
#include <string_view>

namespace duban {
namespace {

// The file's bytes and a terminating zero (so that an empty file still makes an array).
const unsigned char kBytes[] = {
    ${bytes}0x00};

}  // namespace

std::string_view ${SYMBOL}() {
  return std::string_view(reinterpret_cast<const char*>(kBytes), sizeof(kBytes) - 1);
}

}  // namespace duban
")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
