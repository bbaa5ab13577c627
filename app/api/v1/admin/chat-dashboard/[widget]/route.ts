import { buildWidgetUpdate } from "@/lib/dashboard/widget-update.server";
import { widgetByRoute } from "@/lib/dashboard/http-widget-routes";
import { TAG_FILTERED_WIDGETS } from "@/lib/dashboard/load-widget.server";
import { AppError } from "@/lib/errors/app-error";
import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { findTag } from "@/lib/tags/tag-list.server";

export const dynamic = "force-dynamic";

export const GET = withStaffBusiness<{ widget: string }>(async ({ req, db, scope, params }) => {
  const widget = Object.hasOwn(widgetByRoute, params.widget) ? widgetByRoute[params.widget] : undefined;
  if (!widget) throw new AppError("not_found", `Unknown dashboard widget "${params.widget}".`);
  // `?tag=<id>`: the session lists (sessions, queue) narrowed to the chats carrying that tag of the business, totals included.
  const tag = req.nextUrl.searchParams.get("tag");
  if (tag === null) return buildWidgetUpdate(db, scope, widget);
  if (!TAG_FILTERED_WIDGETS.includes(widget))
    throw new AppError("validation_error", "Only sessions and queue can be filtered by tag.", { fields: { tag: ["only sessions and queue can be filtered by tag"] } });
  return buildWidgetUpdate(db, scope, widget, new Date(), { tagId: (await findTag(db, scope, tag)).id });
});
