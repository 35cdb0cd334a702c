// What a pager shows and gets of an alarm: the responders who have answered ("coming", "can't")
// and the pager's own row — not every colleague's delivered/seen state. For a responder that
// is what matters (who else is coming), and it keeps the messages small: 200 pagers × 200 rows
// would make each page ~30 KB, and every update of the alarm n² bytes in all. The presser's
// tablet and the desk get the full list.
import type { AlarmView } from "@/src/domain/alarms/alarm-view";

export function pagerView(view: AlarmView, staffId: string): AlarmView {
  return { ...view, responders: view.responders.filter((r) => r.staffId === staffId || r.response !== null) };
}
