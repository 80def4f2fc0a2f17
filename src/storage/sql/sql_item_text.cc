// The items' text search index (docs/ARCHITECTURE.md, text search): character unigrams and
// bigrams of each item's code, title and description, as posting lists per block of 256
// item ids in item_text (migration 0010, docs/decisions/0004-text-index-blocks.md).
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/sql_item_rows.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

// Code points of `text`, ASCII letters lower-cased.
std::vector<std::string> CodePoints(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    std::string cp(text.substr(i, len));
    if (len == 1 && cp[0] >= 'A' && cp[0] <= 'Z') cp[0] = static_cast<char>(cp[0] - 'A' + 'a');
    out.push_back(std::move(cp));
    i += len;
  }
  return out;
}

bool IsSpace(const std::string& cp) {
  return cp == " " || cp == "\n" || cp == "\r" || cp == "\t" || cp == "\xE3\x80\x80";
}

// Unigrams and bigrams (not across white space) of the text.
void Grams(std::string_view text, std::set<std::string>& out) {
  auto cps = CodePoints(text);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsSpace(cps[i])) continue;
    out.insert(cps[i]);
    if (i + 1 < cps.size() && !IsSpace(cps[i + 1])) out.insert(cps[i] + cps[i + 1]);
  }
}

// Only the start of a long description is indexed; a match further in is still found by the
// LIKE check when the other words of the query narrow the candidates.
constexpr size_t kIndexedDescriptionBytes = 6000;

// The grams a search for `text` looks up: its bigrams (one character: itself; no bigram: the
// unigrams), at most kMaxSearchGrams of them spread over the text in order. Fewer grams only
// widen the candidates; the LIKE on the whole text decides (review M6: a long query used to
// join hundreds of posting lists).
constexpr size_t kMaxSearchGrams = 8;

}  // namespace

std::set<std::string> SearchGrams(std::string_view text) {
  auto cps = CodePoints(text);
  if (cps.size() == 1) return {cps[0]};
  std::vector<std::string> ordered;  // distinct bigrams in text order
  std::set<std::string> seen;
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    if (IsSpace(cps[i]) || IsSpace(cps[i + 1])) continue;
    std::string g = cps[i] + cps[i + 1];
    if (seen.insert(g).second) ordered.push_back(std::move(g));
  }
  if (ordered.empty()) {
    std::set<std::string> all;
    Grams(text, all);
    while (all.size() > kMaxSearchGrams) all.erase(std::prev(all.end()));
    return all;
  }
  if (ordered.size() <= kMaxSearchGrams) return seen;
  std::set<std::string> out;
  for (size_t k = 0; k < kMaxSearchGrams; ++k) {
    out.insert(ordered[k * (ordered.size() - 1) / (kMaxSearchGrams - 1)]);
  }
  return out;
}

// The unigrams and bigrams IndexText stores for `item`.
std::set<std::string> ItemGrams(const Item& item) {
  std::set<std::string> grams;
  Grams(item.code, grams);
  Grams(item.title, grams);
  std::string_view desc = item.description;
  if (desc.size() > kIndexedDescriptionBytes) {
    size_t cut = kIndexedDescriptionBytes;
    while (cut > 0 && (static_cast<unsigned char>(desc[cut]) & 0xC0) == 0x80) --cut;
    desc = desc.substr(0, cut);
  }
  Grams(desc, grams);
  return grams;
}

TextBits TextBitsOf(ItemId id) {
  auto u = static_cast<uint64_t>(id);
  TextBits out;
  out.block = id >> 8;
  out.words[(u >> 6) & 3] = static_cast<int64_t>(uint64_t{1} << (u & 63));
  return out;
}

const char* const kAddTextBitsSql =
    "INSERT INTO item_text(gram, block, w0, w1, w2, w3) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (gram, block) DO UPDATE SET w0 = item_text.w0 | excluded.w0, "
    "w1 = item_text.w1 | excluded.w1, w2 = item_text.w2 | excluded.w2, "
    "w3 = item_text.w3 | excluded.w3";

Status SqlItems::IndexText(const Item* stored, const Item& item) {
  // The grams to drop are those of the stored text, so the index needs no item_id index of its
  // own: an edit touches only the grams that changed, each one row of the item's block.
  std::set<std::string> now = ItemGrams(item), before;
  if (stored) before = ItemGrams(*stored);
  const TextBits b = TextBitsOf(item.id);
  const auto& w = b.words;
  for (const auto& g : before) {
    if (now.count(g)) continue;
    DUBAN_RETURN_IF_ERROR(c_.Execute("UPDATE item_text SET w0 = w0 & ?3, w1 = w1 & ?4, "
                                     "w2 = w2 & ?5, w3 = w3 & ?6 WHERE gram = ?1 AND block = ?2",
                                     {g, b.block, ~w[0], ~w[1], ~w[2], ~w[3]})
                              .status());
    DUBAN_RETURN_IF_ERROR(c_.Execute("DELETE FROM item_text WHERE gram = ?1 AND block = ?2 AND "
                                     "w0 = 0 AND w1 = 0 AND w2 = 0 AND w3 = 0",
                                     {g, b.block})
                              .status());
  }
  for (const auto& g : now) {
    if (before.count(g)) continue;
    DUBAN_RETURN_IF_ERROR(
        c_.Execute(kAddTextBitsSql, {g, b.block, w[0], w[1], w[2], w[3]}).status());
  }
  return Status::Ok();
}

}  // namespace duban::sql
