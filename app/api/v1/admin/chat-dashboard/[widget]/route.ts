import { buildWidgetUpdate } from "@/lib/dashboard/widget-update.server";
import { widgetByRoute } from "@/lib/dashboard/http-widget-routes";
import { AppError } from "@/lib/errors/app-error";
import { withStaffBusiness } from "@/lib/auth/staff-route.server";

export const dynamic = "force-dynamic";

export const GET = withStaffBusiness<{ widget: string }>(async ({ db, scope, params }) => {
  const widget = Object.hasOwn(widgetByRoute, params.widget) ? widgetByRoute[params.widget] : undefined;
  if (!widget) throw new AppError("not_found", `Unknown dashboard widget "${params.widget}".`);
  return buildWidgetUpdate(db, scope, widget);
});
