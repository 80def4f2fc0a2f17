#include "http/handler_util.h"
#include "http/json_codec.h"
#include "http/routes.h"

namespace duban::http {
namespace {

using nlohmann::json;

// A year of the work calendar from the path, checked before it is narrowed to int (4294969322
// would be 2026): the years CalendarService keeps.
Result<int64_t> CalendarYear(const std::string& text) {
  DUBAN_ASSIGN_OR_RETURN(int64_t year, PathId(text, "year"));
  if (year < 1990 || year > 2100) return InvalidArgument("年份须为 1990 到 2100", "year");
  return year;
}

}  // namespace

void AddCalendarRoutes(RouteTable& t, Services& s, const TableCodec& codec) {
  // ---- calendar ----
  t.Add("GET", "/api/v1/calendar", "Loaded calendar years",
        [&s](RequestContext&) -> Result<Response> {
          DUBAN_ASSIGN_OR_RETURN(auto years, s.calendar.Years());
          return Json(200, {{"years", years}});
        });
  t.Add("GET", "/api/v1/calendar/deadline", "N working days from a date",
        [&s](RequestContext& ctx) -> Result<Response> {
          auto from = ParseDate(ctx.request.Query("from").value_or(""));
          if (!from) return InvalidArgument("参数 from 应为 YYYY-MM-DD", "from");
          DUBAN_ASSIGN_OR_RETURN(auto n, QueryInt(ctx.request, "working_days"));
          if (!n || *n < 1 || *n > 1000)
            return InvalidArgument("参数 working_days 须为 1 到 1000", "working_days");
          DUBAN_ASSIGN_OR_RETURN(Date d, s.calendar.Deadline(*from, static_cast<int>(*n)));
          return Json(200, {{"deadline", FormatDate(d)}});
        });
  t.Add(
      "GET", "/api/v1/calendar/{year}", "A year's holidays and adjusted working days",
      [&s](RequestContext& ctx) -> Result<Response> {
        DUBAN_ASSIGN_OR_RETURN(int64_t year, CalendarYear(ctx.params["year"]));
        auto [loaded, days] = s.calendar.Year(static_cast<int>(year));
        json list = json::array();
        for (const auto& d : days) {
          list.push_back({{"date", FormatDate(d.date)}, {"working", d.working}, {"name", d.name}});
        }
        return Json(200, {{"year", year}, {"loaded", loaded}, {"days", list}});
      });
  t.Add(
      "POST", "/api/v1/calendar/import", "Import a calendar: .ics (text/calendar) or JSON",
      [&s, &codec](RequestContext& ctx) -> Result<Response> {
        std::string type = ctx.request.Header("Content-Type").value_or("");
        bool ics = type.find("text/calendar") != std::string::npos ||
                   ctx.request.body.find("BEGIN:VCALENDAR") != std::string::npos;
        DUBAN_ASSIGN_OR_RETURN(auto years, codec.read_calendar(ctx.request.body, ics));
        DUBAN_RETURN_IF_ERROR(s.calendar.ReplaceYears(ctx.caller(), years, "calendar.import"));
        json list = json::array();
        size_t days = 0;
        for (const auto& [year, d] : years) {
          list.push_back(year);
          days += d.size();
        }
        return Json(200, {{"years", list}, {"days", days}});
      },
      BodyClass::kRaw);
  t.Add(
      "PUT", "/api/v1/calendar/{year}", "Replace a year's overrides (admin)",
      [&s](RequestContext& ctx) -> Result<Response> {
        DUBAN_ASSIGN_OR_RETURN(int64_t year, CalendarYear(ctx.params["year"]));
        DUBAN_ASSIGN_OR_RETURN(auto body, ParseJsonObject(ctx.request));
        DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"days"}));
        auto it = body.find("days");
        if (it == body.end() || !it->is_array()) return InvalidArgument("缺少 days 数组", "days");
        std::vector<CalendarDay> days;
        size_t index = 0;
        for (const auto& d : *it) {
          std::string where = "days[" + std::to_string(index++) + "]";
          if (!d.is_object()) return InvalidArgument(where + " 应为对象", "days");
          DUBAN_ASSIGN_OR_RETURN(auto date, OptDate(d, "date"));
          if (!date) return InvalidArgument(where + " 缺少 date", "days");
          DUBAN_ASSIGN_OR_RETURN(auto working, OptBool(d, "working"));
          if (!working) return InvalidArgument(where + " 缺少 working", "days");
          DUBAN_ASSIGN_OR_RETURN(auto name, OptString(d, "name"));
          days.push_back({*date, *working, name.value_or("")});
        }
        DUBAN_RETURN_IF_ERROR(s.calendar.ReplaceYears(
            ctx.caller(), {{static_cast<int>(year), days}}, "calendar.update"));
        auto [loaded, stored] = s.calendar.Year(static_cast<int>(year));
        json list = json::array();
        for (const auto& d : stored) {
          list.push_back({{"date", FormatDate(d.date)}, {"working", d.working}, {"name", d.name}});
        }
        return Json(200, {{"year", year}, {"loaded", loaded}, {"days", list}});
      });
}

}  // namespace duban::http
