// The route table's matching rules (http/route.h): the most specific pattern wins whatever the
// order of registration, parameters are filled from the path, GET serves HEAD, and a path that
// matches only other methods says which.
#include <gtest/gtest.h>

#include "http/route.h"

namespace duban::http {
namespace {

RouteHandler Named(std::string name) {
  return [name](RequestContext&) -> Result<Response> {
    Response r;
    r.body = name;
    return r;
  };
}

std::string Pattern(const RouteTable::Match& m) { return m.route ? m.route->pattern : ""; }

TEST(RouterTest, ALiteralSegmentBeatsAParameterInEitherOrder) {
  for (bool literal_first : {true, false}) {
    RouteTable t;
    if (literal_first) t.Add("GET", "/items/export", "export", Named("export"));
    t.Add("GET", "/items/{id}", "one", Named("one"));
    if (!literal_first) t.Add("GET", "/items/export", "export", Named("export"));
    t.Add("GET", "/items/{id}/events", "events", Named("events"));

    EXPECT_EQ(Pattern(t.Find("GET", "/items/export")), "/items/export") << literal_first;
    auto one = t.Find("GET", "/items/42");
    EXPECT_EQ(Pattern(one), "/items/{id}");
    EXPECT_EQ(one.params, (std::map<std::string, std::string>{{"id", "42"}}));
    auto events = t.Find("GET", "/items/7/events");
    EXPECT_EQ(Pattern(events), "/items/{id}/events");
    EXPECT_EQ(events.params.at("id"), "7");
  }
}

TEST(RouterTest, TheFirstDifferingSegmentDecides) {
  RouteTable t;
  t.Add("POST", "/{kind}/{id}/submit", "any", Named("any"));
  t.Add("POST", "/{kind}/7/{action}", "seven", Named("seven"));
  t.Add("POST", "/items/{id}/{action}", "items", Named("items"));
  auto m = t.Find("POST", "/items/7/submit");
  EXPECT_EQ(Pattern(m), "/items/{id}/{action}");
  EXPECT_EQ(m.params, (std::map<std::string, std::string>{{"id", "7"}, {"action", "submit"}}));
  EXPECT_EQ(Pattern(t.Find("POST", "/units/7/submit")), "/{kind}/7/{action}");
  EXPECT_EQ(Pattern(t.Find("POST", "/units/8/submit")), "/{kind}/{id}/submit");
}

TEST(RouterTest, EmptySegmentsAndOtherLengthsDoNotMatch) {
  RouteTable t;
  t.Add("GET", "/items/{id}", "one", Named("one"));
  EXPECT_EQ(t.Find("GET", "/items/").route, nullptr);
  EXPECT_EQ(t.Find("GET", "/items").route, nullptr);
  EXPECT_EQ(t.Find("GET", "/items/1/2").route, nullptr);
  EXPECT_EQ(t.Find("GET", "/Items/1").route, nullptr);
  EXPECT_TRUE(t.Find("GET", "/items/1").allowed.empty());
}

TEST(RouterTest, GetServesHeadAndOtherMethodsAreNamed) {
  RouteTable t;
  t.Add("GET", "/units/{id}", "get", Named("get"));
  t.Add("PATCH", "/units/{id}", "patch", Named("patch"));
  EXPECT_EQ(Pattern(t.Find("HEAD", "/units/3")), "/units/{id}");
  auto refused = t.Find("DELETE", "/units/3");
  EXPECT_EQ(refused.route, nullptr);
  EXPECT_EQ(refused.allowed, (std::vector<std::string>{"GET", "PATCH"}));
  EXPECT_TRUE(refused.params.empty());
}

}  // namespace
}  // namespace duban::http
