// What a pager shows and gets of an alarm: the responders who have answered ("coming", "can't")
// and the pager's own row — not every colleague's delivered/seen state. For a responder that
// is what matters (who else is coming), and it keeps the messages small: 200 pagers × 200 rows
// would make each page ~30 KB, and every update of the alarm n² bytes in all. The presser's
// tablet and the desk get the full list.
import type { AlarmView } from "@/src/domain/alarms/alarm-view";

type PagerViews = (staffId: string) => AlarmView;

/** Per view, the answered rows and where each responder's row is, found once (a page to 200 pagers asks 200 times). */
const prepared = new WeakMap<AlarmView, PagerViews>();

function prepare(view: AlarmView): PagerViews {
  const answered: number[] = [];
  const rowOf = new Map<string, number>();
  view.responders.forEach((r, i) => {
    rowOf.set(r.staffId, i);
    if (r.response !== null) answered.push(i);
  });
  return (staffId) => {
    const own = rowOf.get(staffId);
    const rows =
      own === undefined || view.responders[own].response !== null ? answered : [...answered, own].sort((a, b) => a - b);
    return { ...view, responders: rows.map((i) => view.responders[i]) };
  };
}

export function pagerView(view: AlarmView, staffId: string): AlarmView {
  let views = prepared.get(view);
  if (!views) {
    views = prepare(view);
    prepared.set(view, views);
  }
  return views(staffId);
}

/**
 * The first copy of a page, the same for every pager it goes to (so it is encoded and sent as one
 * message): the alarm and the responders who have answered, without the pager's own row — a
 * responder just paged has nothing in it yet. Later copies and updates are `pagerView`s.
 */
export function sharedPagerView(view: AlarmView): AlarmView {
  return pagerView(view, "");
}

/**
 * The pager's copy of an alarm once a page of it arrived. A page's first copy has no row of the
 * pager's own (sharedPagerView): the own row the pager already had is kept (it may say "seen").
 */
export function withOwnRow(page: AlarmView, previous: AlarmView | undefined, staffId: string): AlarmView {
  if (page.responders.some((r) => r.staffId === staffId)) return page;
  const own = previous?.responders.find((r) => r.staffId === staffId);
  return own ? { ...page, responders: [...page.responders, own] } : page;
}
