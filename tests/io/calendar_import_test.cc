#include "io/calendar_import.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/china_calendar.h"

namespace duban {
namespace {

using testing::CalendarDays;

Date D(const char* text) { return *ParseDate(text); }

// Replaces every "\n" with "\r\n".
std::string Crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(CalendarJsonTest, ReadsOurFormat) {
  auto years = ParseCalendarJson(R"({
    "source": "test",
    "years": {
      "2026": [
        {"date": "2026-10-10", "working": true, "name": "国庆节补班"},
        {"date": "2026-10-01", "working": false, "name": "国庆节"},
        {"date": "2026-10-02", "working": false, "name_en": "ignored"}
      ],
      "2027": []
    }
  })");
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  ASSERT_EQ(years->size(), 2u);
  EXPECT_EQ(years->at(2026), (std::vector<CalendarDay>{{D("2026-10-01"), false, "国庆节"},
                                                       {D("2026-10-02"), false, ""},
                                                       {D("2026-10-10"), true, "国庆节补班"}}));
  EXPECT_TRUE(years->at(2027).empty());
}

TEST(CalendarJsonTest, ReadsAListOfDaysGroupedByYear) {
  auto years = ParseCalendarJson(R"([
    {"date": "2026-01-01", "working": false, "name": "元旦"},
    {"date": "2025-12-31", "working": false, "name": "特别假日"},
    {"date": "2026-01-04", "working": true, "name": "元旦补班"}
  ])");
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  ASSERT_EQ(years->size(), 2u);
  EXPECT_EQ(years->at(2025), (std::vector<CalendarDay>{{D("2025-12-31"), false, "特别假日"}}));
  EXPECT_EQ(years->at(2026), (std::vector<CalendarDay>{{D("2026-01-01"), false, "元旦"},
                                                       {D("2026-01-04"), true, "元旦补班"}}));
}

TEST(CalendarJsonTest, RejectsBadInputNamingTheElement) {
  struct Case {
    std::string text;
    const char* message_part;
  };
  const Case cases[] = {
      {"", "格式错误"},
      {"{", "格式错误"},
      {"{\"years\": {}}\n  x", "第 2 行第 3 列"},
      {"null", "\"years\""},
      {"42", "\"years\""},
      {"{}", "\"years\""},
      {"[]", "列表为空"},
      {R"({"years": {}})", "years：没有任何年份"},
      {R"({"years": []})", "years：应为以年份为键的对象"},
      {R"({"years": {"26": []}})", "years：键 \"26\" 不是 1900 到 9999 之间的四位年份"},
      {R"({"years": {"1899": []}})", "键 \"1899\""},
      {"{\"years\": {\"\\u0001\": []}}", "键 该值"},
      {R"({"years": {"2026": {}}})", "years.2026：应为日期列表"},
      {R"({"source": 1, "years": {"2026": []}})", "source：应为字符串"},
      {R"({"years": {"2026": [1]}})", "years.2026[0]：应为含 date"},
      {R"({"years": {"2026": [{"working": false}]}})", "years.2026[0]：缺少 date"},
      {R"({"years": {"2026": [{"date": 20261001, "working": false}]}})", "years.2026[0].date"},
      {R"({"years": {"2026": [{"date": "2026-02-30", "working": false}]}})",
       "years.2026[0].date：\"2026-02-30\" 不是"},
      {R"({"years": {"2026": [{"date": "2026-10-01"}]}})", "缺少 working"},
      {R"({"years": {"2026": [{"date": "2026-10-01", "working": "no"}]}})",
       "years.2026[0].working"},
      {R"({"years": {"2026": [{"date": "2026-10-01", "working": false, "name": 5}]}})",
       "years.2026[0].name"},
      {R"({"years": {"2026": [{"date": "2026-10-01", "working": false},
                              {"date": "2025-10-01", "working": false}]}})",
       "years.2026[1].date：2025-10-01 不在 2026 年内"},
      {R"({"years": {"2026": [{"date": "2026-10-01", "working": false},
                              {"date": "2026-10-01", "working": false}]}})",
       "years.2026: 2026-10-01 出现了两次"},
      {R"([{"date": "2026-10-08", "working": true}])", "2026 年: 2026-10-08 是周一至周五"},
      {"[{\"date\": \"2026-10-01\", \"working\": false, \"name\": \"\xff\"}]", "格式错误"},
      {R"([{"date": "2026-10-01", "working": false, "x": 1e99999}])", "无法读取"},
      {std::string(100, '[') + std::string(100, ']'), "嵌套过深"},
  };
  for (const Case& c : cases) {
    auto years = ParseCalendarJson(c.text);
    ASSERT_FALSE(years.ok()) << c.text;
    EXPECT_EQ(years.status().code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_NE(years.status().message().find(c.message_part), std::string::npos)
        << c.text << " → " << years.status().message();
  }
}

// In the style of the chinese-days feed: a time zone, folded lines, Apple's day markers.
constexpr std::string_view kIcs = R"(BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//Duban//CN
BEGIN:VTIMEZONE
TZID:Asia/Shanghai
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0800
TZOFFSETTO:+0800
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:1
DTSTART;VALUE=DATE:20261001
DTEND;VALUE=DATE:20261008
SUMMARY:国庆
 节
X-APPLE-UNIVERSAL-ID:c847e7d3b165ba31a85331b277b4b32fa3d6e4477f511f906ba15
 c93bf61d225
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:上班
TRIGGER:-PT15M
END:VALARM
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261010
SUMMARY:国庆节补班
END:VEVENT
BEGIN:VEVENT
DTSTART:20260920
DURATION:P1D
SUMMARY;LANGUAGE=en:National Day (Workday)
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260925
DTEND;VALUE=DATE:20260928
SUMMARY:中秋\, 团圆
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20150906
SUMMARY:中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日
X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY
END:VEVENT
END:VCALENDAR
)";

TEST(CalendarIcsTest, ReadsEventsWithLfOrCrlf) {
  const std::vector<CalendarDay> expected_2026 = {
      {D("2026-09-20"), true, "National Day (Workday)"},
      {D("2026-09-25"), false, "中秋, 团圆"},
      {D("2026-09-26"), false, "中秋, 团圆"},
      {D("2026-09-27"), false, "中秋, 团圆"},
      {D("2026-10-01"), false, "国庆节"},
      {D("2026-10-02"), false, "国庆节"},
      {D("2026-10-03"), false, "国庆节"},
      {D("2026-10-04"), false, "国庆节"},
      {D("2026-10-05"), false, "国庆节"},
      {D("2026-10-06"), false, "国庆节"},
      {D("2026-10-07"), false, "国庆节"},  // DTEND 20261008 is exclusive
      {D("2026-10-10"), true, "国庆节补班"},
  };
  const std::vector<CalendarDay> expected_2015 = {
      {D("2015-09-06"), true, "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"}};
  for (const std::string& text : {std::string(kIcs), Crlf(kIcs), "\xEF\xBB\xBF" + Crlf(kIcs)}) {
    auto years = ParseCalendarIcs(text);
    ASSERT_TRUE(years.ok()) << years.status().ToString();
    ASSERT_EQ(years->size(), 2u);
    EXPECT_EQ(years->at(2026), expected_2026);
    EXPECT_EQ(years->at(2015), expected_2015);
  }
}

TEST(CalendarIcsTest, SummaryDecidesWorkingUnlessAppleMarksIt) {
  struct Case {
    const char* summary;
    const char* apple;  // X-APPLE-SPECIAL-DAY, or nullptr
    bool working;
  };
  const Case cases[] = {
      {"国庆节(休)", nullptr, false},
      {"国庆节(班)", nullptr, true},
      {"国庆节补班", nullptr, true},
      {"调休上班", nullptr, true},
      {"Spring Festival(Workday)", nullptr, true},
      {"adjusted WORKING day", nullptr, true},
      {"Labour Day", nullptr, false},
      {"International Workers' Day", nullptr, false},
      {"纪念日", "ALTERNATE-WORKDAY", true},
      {"补班", "WORK-HOLIDAY", false},
      {"补班", "SOMETHING-ELSE", true},
  };
  for (const Case& c : cases) {
    std::string text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261011\nSUMMARY:" +
                       std::string(c.summary) + "\n" +
                       (c.apple ? "X-APPLE-SPECIAL-DAY:" + std::string(c.apple) + "\n" : "") +
                       "END:VEVENT\nEND:VCALENDAR\n";
    auto years = ParseCalendarIcs(text);
    ASSERT_TRUE(years.ok()) << c.summary << ": " << years.status().ToString();
    ASSERT_EQ(years->at(2026).size(), 1u);
    EXPECT_EQ(years->at(2026)[0].working, c.working) << c.summary;
  }
}

TEST(CalendarIcsTest, RejectsBadInputNamingTheLine) {
  const std::string head = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\n";  // VEVENT on line 3
  const std::string tail = "END:VEVENT\nEND:VCALENDAR\n";
  struct Case {
    std::string text;
    const char* message_part;
  };
  const Case cases[] = {
      {"", "文件为空"},
      {"\r\n\n\r\n", "文件为空"},
      {"VERSION:2.0\n", "第 1 行：应为 BEGIN:VCALENDAR"},
      {" folded\n", "第 1 行：续行之前没有内容行"},
      {"BEGIN:VCALENDAR\nEND:VCALENDAR\n", "没有任何事件"},
      {"BEGIN:VCALENDAR\nno colon here\nEND:VCALENDAR\n", "第 2 行：应为 名称:值"},
      {"BEGIN:VCALENDAR\nSUMMARY;LANGUAGE=\"en:x\n", "第 2 行：SUMMARY 的参数缺少右引号"},
      {"BEGIN:VCALENDAR\nEND:VCALENDAR\nVERSION:2.0\n", "第 3 行：VERSION 位于 VCALENDAR 之外"},
      {"BEGIN:VCALENDAR\nBEGIN:VCALENDAR\n", "第 2 行：VCALENDAR 不能嵌套"},
      {"BEGIN:VCALENDAR\nBEGIN:VTODO\nBEGIN:VEVENT\n", "第 3 行：VEVENT 只能直接位于"},
      {"END:VCALENDAR\n", "第 1 行：多余的 END"},
      {"BEGIN:VCALENDAR\nBEGIN:\xff\n", "第 2 行：BEGIN 的值应为组件名"},
      {"BEGIN:VCALENDAR\n" + std::string(100, 'X') + ":1\n", "第 2 行：属性名过长"},
      {head + "DTSTART;VALUE=DATE:20261001\nSUMMARY:国庆节\nEND:VCALENDAR\n",
       "第 6 行：END:\"VCALENDAR\" 与第 3 行的 BEGIN:VEVENT 不配对"},
      {head + "DTSTART;VALUE=DATE:20261001\nSUMMARY:国庆节\n",
       "第 3 行：BEGIN:VEVENT 缺少 END:VEVENT"},
      {head + "DTSTART;VALUE=DATE:20261301\nSUMMARY:x\n" + tail,
       "第 4 行：DTSTART 的值 \"20261301\" 不是 YYYYMMDD"},
      {head + "DTSTART;VALUE=DATE:2026-10-01\nSUMMARY:x\n" + tail, "第 4 行：DTSTART 的值"},
      {head + "DTSTART;VALUE=DATE:\nSUMMARY:x\n" + tail, "第 4 行：DTSTART 的值"},
      {head + "DTSTART;VALUE=DATE:18991231\nSUMMARY:x\n" + tail, "第 4 行：DTSTART 的值"},
      {head + "DTSTART:20261001T000000Z\nSUMMARY:x\n" + tail, "第 4 行：DTSTART 是日期时间"},
      {head + "DTSTART;VALUE=DATE-TIME:20261001\nSUMMARY:x\n" + tail, "VALUE=DATE"},
      {head + "DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:2026100\nSUMMARY:x\n" + tail,
       "第 5 行：DTEND"},
      {head + "DTSTART;VALUE=DATE:20261001\nDTSTART;VALUE=DATE:20261002\n" + tail,
       "第 5 行：事件中重复的 DTSTART"},
      {head + "SUMMARY:国庆节\n" + tail, "第 3 行开始的事件缺少 DTSTART"},
      {head + "DTSTART;VALUE=DATE:20261001\n" + tail, "缺少 SUMMARY"},
      {head + "DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261001\nSUMMARY:x\n" + tail,
       "结束日期不晚于开始日期"},
      {head + "DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20250101\nSUMMARY:x\n" + tail,
       "结束日期不晚于开始日期"},
      {head + "DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20281001\nSUMMARY:x\n" + tail,
       "超过 366 天"},
      {head + "DTSTART;VALUE=DATE:20261001\nDURATION:PT1H\nSUMMARY:x\n" + tail,
       "DURATION \"PT1H\" 应为"},
      {head + "DTSTART;VALUE=DATE:20261001\nDURATION:P1D\nDTEND;VALUE=DATE:20261002\n" +
           "SUMMARY:x\n" + tail,
       "同时有 DTEND 和 DURATION"},
      {head + "DTSTART;VALUE=DATE:20261001\nRRULE:FREQ=YEARLY\nSUMMARY:国庆节\n" + tail, "RRULE"},
      {head + "DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261004\nSUMMARY:国庆节\n" +
           "END:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261003\nSUMMARY:国庆节补班\n" + tail,
       "第 8 行开始的事件把 2026-10-03 定为工作日，但第 3 行开始的事件定为假日"},
      {head + "DTSTART;VALUE=DATE:20261008\nSUMMARY:补班\n" + tail,
       "2026 年: 2026-10-08 是周一至周五"},
      {head + "DTSTART;VALUE=DATE:99991231\nDURATION:P2D\nSUMMARY:x\n" + tail, "10000"},
  };
  for (const Case& c : cases) {
    auto years = ParseCalendarIcs(c.text);
    ASSERT_FALSE(years.ok()) << c.text;
    EXPECT_EQ(years.status().code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_NE(years.status().message().find(c.message_part), std::string::npos)
        << c.text << " → " << years.status().message();
  }
}

TEST(CalendarIcsTest, AgreeingEventsMayOverlap) {
  auto years = ParseCalendarIcs(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261003\n"
      "SUMMARY:国庆节\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261002\n"
      "SUMMARY:中秋节\nEND:VEVENT\nEND:VCALENDAR\n");
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  EXPECT_EQ(years->at(2026), (std::vector<CalendarDay>{{D("2026-10-01"), false, "国庆节"},
                                                       {D("2026-10-02"), false, "国庆节"}}));
}

// A stand-in for the fuzzer until it exists: every prefix of valid input is a value or an
// error, never a crash.
TEST(CalendarImportTest, EveryTruncationIsHandled) {
  std::string ics = Crlf(kIcs);
  for (size_t n = 0; n <= ics.size(); ++n)
    (void)ParseCalendarIcs(std::string_view(ics).substr(0, n));
  std::string_view json = ShippedCalendarJson().substr(0, 1200);
  for (size_t n = 0; n <= json.size(); ++n) (void)ParseCalendarJson(json.substr(0, n));
}

TEST(ShippedCalendarTest, LoadsEveryYear) {
  ASSERT_FALSE(ShippedCalendarJson().empty());
  auto years = ShippedCalendar();
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  WorkCalendar calendar;
  for (const auto& [year, days] : *years) {
    EXPECT_FALSE(days.empty()) << year;
    Status s = calendar.SetYear(year, days);
    EXPECT_TRUE(s.ok()) << year << ": " << s.ToString();
  }
  std::vector<int> expected;
  for (int year = 2004; year <= 2026; ++year) expected.push_back(year);
  EXPECT_EQ(calendar.Years(), expected);
  // SPEC §4's example on the shipped data.
  auto due = calendar.AddWorkingDays(D("2026-09-30"), 5);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(*due, D("2026-10-13"));
}

TEST(ShippedCalendarTest, EqualsTheTablesOfTheCoreTests) {
  auto years = ShippedCalendar();
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  EXPECT_EQ(years->at(2025), CalendarDays(testing::kChina2025));
  EXPECT_EQ(years->at(2026), CalendarDays(testing::kChina2026));
}

TEST(ShippedCalendarTest, NamesItsSource) {
  EXPECT_NE(ShippedCalendarJson().find("\"source\": \"chinese-days"), std::string_view::npos);
}

}  // namespace
}  // namespace duban
