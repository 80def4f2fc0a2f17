#include "core/org.h"

#include <gtest/gtest.h>

namespace duban {
namespace {

TEST(RoleSetTest, ParsesJoinsAndRejectsUnknown) {
  auto set = RoleSet::Parse("leader,admin,,viewer");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->Join(), "admin,leader,viewer");
  EXPECT_TRUE(set->Has(Role::kLeader));
  EXPECT_FALSE(set->Has(Role::kHandler));
  auto bad = RoleSet::Parse("admin,root");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "roles");
  EXPECT_NE(bad.status().message().find("root"), std::string::npos);
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleName(r)), r);
}

TEST(ValidationTest, FieldRules) {
  struct Case {
    const char* name;
    Status (*rule)(std::string_view);
    std::string value;
    bool ok;
    const char* field;
  };
  const Case cases[] = {
      {"unit name", ValidateUnitName, "县交通运输局", true, ""},
      {"unit name blank", ValidateUnitName, " \xE3\x80\x80 ", false, "name"},
      {"unit name 100 chars", ValidateUnitName, std::string(300, 'x').substr(0, 100), true, ""},
      {"unit name 101 chars", ValidateUnitName, std::string(101, 'x'), false, "name"},
      {"unit name control", ValidateUnitName, "a\x01", false, "name"},
      {"unit name bad utf8", ValidateUnitName, "\xFF", false, "name"},
      {"kind ok", ValidateUnitKind, "township", true, ""},
      {"kind bad", ValidateUnitKind, "village", false, "kind"},
      {"code ok", ValidateUnitCode, "QS-JT.1_a", true, ""},
      {"code empty ok", ValidateUnitCode, "", true, ""},
      {"code chinese", ValidateUnitCode, "交通", false, "code"},
      {"person", ValidatePersonName, "王磊", true, ""},
      {"person empty", ValidatePersonName, "", false, "name"},
      {"phone", ValidatePhone, "0871-6512001", true, ""},
      {"phone letters", ValidatePhone, "138abc", false, "phone"},
      {"username", ValidateUsername, "handler_jt", true, ""},
      {"username short", ValidateUsername, "ab", false, "username"},
      {"username upper", ValidateUsername, "Admin", false, "username"},
      {"username 33", ValidateUsername, std::string(33, 'a'), false, "username"},
      {"password ok", ValidatePassword, "Admin-2026", true, ""},
      {"password chinese+digits", ValidatePassword, "督办督办2026", true, ""},
      {"password 7", ValidatePassword, "Abc-123", false, "password"},
      {"password one class", ValidatePassword, "abcdefghij", false, "password"},
      {"password digits", ValidatePassword, "1234567890", false, "password"},
      {"password 129", ValidatePassword, std::string(128, 'a') + "1", false, "password"},
  };
  for (const Case& c : cases) {
    Status s = c.rule(c.value);
    EXPECT_EQ(s.ok(), c.ok) << c.name << ": " << s.message();
    if (!c.ok) {
      EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.name;
      EXPECT_EQ(s.field(), c.field) << c.name;
      EXPECT_FALSE(s.message().empty()) << c.name;
    }
  }
}

TEST(UnitPathTest, BuildsAndForbidsMovingIntoOwnSubtree) {
  EXPECT_EQ(UnitPath("", 1), "/1/");
  EXPECT_EQ(UnitPath("/1/", 7), "/1/7/");
  Unit u;
  u.name = "县交通运输局";
  u.path = "/1/7/";
  EXPECT_TRUE(CheckUnitMove(u, "/1/2/").ok());
  EXPECT_EQ(CheckUnitMove(u, "/1/7/").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CheckUnitMove(u, "/1/7/9/").code(), ErrorCode::kFailedPrecondition);
  // "/1/70/" shares the text prefix "/1/7" but is not inside "/1/7/".
  EXPECT_TRUE(CheckUnitMove(u, "/1/70/").ok());
}

}  // namespace
}  // namespace duban
