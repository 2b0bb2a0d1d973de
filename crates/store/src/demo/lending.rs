//! The demo's 米邻驿站: per community a station of 25 kinds and about 60 copies (wheelchairs,
//! walking sticks, reading glasses, books, tools…), and a lived-in month at its desk through the
//! store's own operations — loans, returns (one damaged, one lost), renewals, holds set aside and
//! fulfilled, a copy in maintenance — leaving a few loans overdue. Every day is a day of the last
//! month before the real today; ids come from the demo's clock, pinned on the store meanwhile.

use linli_domain::calendar::{add_days, day_number};
use linli_domain::lending::{CopyAction, DepositUnit, ReturnOutcome};
use linli_domain::Id;
use linli_protocol::*;

use super::people::Rng;
use crate::{Error, Result, Store};

/// What the stations of the demo hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LendingSummary {
    pub kinds: u32,
    pub copies: u32,
    pub loans: u32,
    pub returns: u32,
    pub renewals: u32,
    pub holds: u32,
}

/// (名称, 类别, loan days, renewals, buffer days, deposit unit and amount, approval, consumable,
/// copies, code prefix, parts)
type KindRow = (
    &'static str,
    &'static str,
    i64,
    i64,
    i64,
    (DepositUnit, i64),
    bool,
    bool,
    u32,
    &'static str,
    &'static [&'static str],
);

const NONE: (DepositUnit, i64) = (DepositUnit::None, 0);

const KINDS: &[KindRow] = &[
    (
        "轮椅",
        "助行",
        30,
        2,
        1,
        (DepositUnit::Yuan, 200),
        true,
        false,
        3,
        "LY",
        &["脚踏", "坐垫"],
    ),
    (
        "助行器",
        "助行",
        30,
        2,
        1,
        (DepositUnit::Yuan, 100),
        false,
        false,
        3,
        "ZX",
        &[],
    ),
    ("拐杖", "助行", 30, 2, 0, NONE, false, false, 4, "GZ", &[]),
    ("老花镜", "日用", 1, 0, 0, NONE, false, true, 6, "LH", &[]),
    (
        "血压计",
        "健康",
        7,
        1,
        0,
        (DepositUnit::Points, 30),
        false,
        false,
        3,
        "XY",
        &["袖带", "电池"],
    ),
    ("体重秤", "健康", 7, 1, 0, NONE, false, false, 1, "TZ", &[]),
    (
        "哑铃（对）",
        "健身",
        14,
        1,
        0,
        NONE,
        false,
        false,
        2,
        "YL",
        &[],
    ),
    ("瑜伽垫", "健身", 14, 1, 1, NONE, false, false, 3, "YJ", &[]),
    ("跳绳", "健身", 14, 1, 0, NONE, false, false, 2, "TS", &[]),
    (
        "羽毛球拍（对）",
        "健身",
        7,
        1,
        0,
        NONE,
        false,
        false,
        2,
        "YM",
        &["球拍袋"],
    ),
    (
        "电钻",
        "工具",
        3,
        1,
        0,
        (DepositUnit::Points, 50),
        false,
        false,
        2,
        "DZ",
        &["钻头盒", "充电器"],
    ),
    (
        "人字梯",
        "工具",
        3,
        1,
        0,
        (DepositUnit::Yuan, 50),
        false,
        false,
        2,
        "TZT",
        &[],
    ),
    (
        "工具箱",
        "工具",
        3,
        1,
        0,
        NONE,
        false,
        false,
        2,
        "GJ",
        &["螺丝刀", "扳手", "钳子"],
    ),
    ("打气筒", "工具", 3, 1, 0, NONE, false, false, 2, "DQ", &[]),
    (
        "缝纫机",
        "工具",
        7,
        1,
        0,
        (DepositUnit::Yuan, 100),
        false,
        false,
        1,
        "FR",
        &["脚踏板"],
    ),
    (
        "折叠推车",
        "日用",
        7,
        1,
        0,
        NONE,
        false,
        false,
        2,
        "TC",
        &[],
    ),
    ("雨伞", "日用", 3, 0, 0, NONE, false, false, 4, "YS", &[]),
    (
        "充电宝",
        "日用",
        3,
        0,
        0,
        NONE,
        false,
        false,
        2,
        "CD",
        &["数据线"],
    ),
    ("绘本", "图书", 21, 2, 0, NONE, false, false, 3, "HB", &[]),
    (
        "长篇小说",
        "图书",
        21,
        2,
        0,
        NONE,
        false,
        false,
        2,
        "XS",
        &[],
    ),
    (
        "养生保健书",
        "图书",
        21,
        2,
        0,
        NONE,
        false,
        false,
        2,
        "YS2",
        &[],
    ),
    ("象棋", "文娱", 14, 1, 0, NONE, false, false, 2, "XQ", &[]),
    (
        "投影仪",
        "文娱",
        3,
        0,
        1,
        (DepositUnit::Yuan, 300),
        true,
        false,
        1,
        "TY",
        &["遥控器", "电源线"],
    ),
    (
        "口罩（盒）",
        "日用",
        1,
        0,
        0,
        NONE,
        false,
        true,
        3,
        "KZ",
        &[],
    ),
    (
        "儿童安全座椅",
        "母婴",
        30,
        1,
        2,
        (DepositUnit::Yuan, 150),
        false,
        false,
        1,
        "AQ",
        &[],
    ),
];

const CONDITIONS: &[&str] = &["全新", "良好", "良好", "有使用痕迹"];
const DONORS: &[&str] = &["樟城中学", "永泰县人民医院", "国网永泰供电公司", ""];

/// 09:00 in China on `day`, as wall milliseconds.
fn morning(day: &str, minute: u64) -> u64 {
    let n = day_number(day).unwrap_or(0);
    (n * 86_400_000 + 3_600_000) as u64 + minute * 60_000
}

/// A refusal of the desk's rules (a limit, the overdue block, a copy not on the shelf) is part
/// of a lived-in station: the demo moves on. Anything else is an error.
fn refused<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::Conflict { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) fn generate(
    store: &mut Store,
    communities: &[Id],
    today: &str,
    rng: &mut Rng,
) -> Result<LendingSummary> {
    let mut sum = LendingSummary::default();
    let start = add_days(today, -30).unwrap_or_else(|| today.to_owned());
    for (ci, &community) in communities.iter().enumerate() {
        set_time(store, &start, ci as u64);
        let homes: Vec<Id> = store
            .conn()
            .prepare(
                "SELECT id FROM households WHERE community_id = ?1 AND deleted = 0
                 AND moved_out IS NULL ORDER BY id LIMIT 40",
            )?
            .query_map([community.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if homes.is_empty() {
            continue;
        }
        let mut codes: Vec<(String, bool)> = Vec::new();
        for &(
            name,
            category,
            loan_days,
            renewals,
            buffer,
            (unit, deposit),
            approval,
            consumable,
            n,
            prefix,
            parts,
        ) in KINDS
        {
            let k = store.add_lend_kind(&AddLendKind {
                community_id: community,
                fields: LendKindFields {
                    name: name.into(),
                    category: category.into(),
                    loan_days,
                    max_renewals: renewals,
                    buffer_days: buffer,
                    deposit_unit: unit,
                    deposit,
                    needs_approval: approval,
                    consumable,
                    care_notes: String::new(),
                    parts: parts.iter().map(|p| (*p).to_owned()).collect(),
                },
            })?;
            sum.kinds += 1;
            for i in 1..=n {
                let code = format!("{prefix}-{i:02}");
                store.add_lend_copy(&AddLendCopy {
                    kind_id: k.id,
                    donor_points: 0,
                    donor_volunteer_id: None,
                    fields: LendCopyFields {
                        code: code.clone(),
                        serial: String::new(),
                        condition: rng.pick(CONDITIONS).into(),
                        location: format!("{}号柜", 1 + rng.below(6)),
                        value: Some(20 + rng.below(50) as i64 * 10),
                        donor_resident_id: None,
                        donor_unit: rng.pick(DONORS).into(),
                    },
                })?;
                sum.copies += 1;
                // a points deposit is paid from a volunteer's balance: the demo leaves the time
                // bank's ledger as it is and lends those kinds at the window only
                codes.push((code, unit != DepositUnit::Points));
            }
        }
        for day_i in 0..30 {
            let day = add_days(&start, day_i).unwrap_or_else(|| today.to_owned());
            set_time(store, &day, ci as u64);
            // the morning's returns: most loans come back around their due day, a few stay out
            let open = store.list_loans(&ListLoans {
                community_id: community,
                household_id: None,
                building_id: None,
                include_closed: false,
                overdue_only: false,
                conflicts_only: false,
                person_id: None,
                grid_id: None,
            })?;
            for l in open {
                let due_in = day_number(&l.due).unwrap_or(0) - day_number(&day).unwrap_or(0);
                // three forgetful households keep what they borrowed: the overdue list
                let forgetful = homes[..3.min(homes.len())].contains(&l.household_id);
                if due_in > 1 || forgetful || rng.chance(25) {
                    continue;
                }
                if l.renewals == 0 && due_in >= 0 && rng.chance(30) {
                    if refused(store.renew_loan(&RenewLoan { loan_id: l.id }))?.is_some() {
                        sum.renewals += 1;
                    }
                    continue;
                }
                let outcome = match rng.below(60) {
                    0 => ReturnOutcome::Lost,
                    1 => ReturnOutcome::Damaged,
                    _ => ReturnOutcome::Returned,
                };
                let r = store.return_loans(&ReturnLoans {
                    community_id: community,
                    items: vec![ReturnItem {
                        code: String::new(),
                        loan_id: Some(l.id),
                        outcome,
                        condition: String::new(),
                        missing_parts: vec![],
                        note: String::new(),
                        deposit: None,
                        photos: vec![],
                    }],
                });
                if refused(r)?.is_some() {
                    sum.returns += 1;
                }
            }
            // early in the month the forgetful households borrow tools for three days
            if let Some(i) = [2, 5, 9].iter().position(|d| *d == day_i) {
                if let Some(&home) = homes.get(i) {
                    let code = ["GJ-01", "DQ-01", "YS-01"][i];
                    if let Some(l) = refused(store.lend(&Lend {
                        community_id: community,
                        household_id: home,
                        resident_id: None,
                        codes: vec![code.into()],
                        due: None,
                        approved_by: String::new(),
                        deposit_volunteer_id: None,
                        note: String::new(),
                    }))? {
                        sum.loans += l.len() as u32;
                    }
                }
            }
            // the morning's loans: three or four households at the desk
            for _ in 0..3 + rng.below(2) {
                let home = homes[rng.below(homes.len() as u64) as usize];
                let (code, ok) = codes[rng.below(codes.len() as u64) as usize].clone();
                if !ok {
                    continue;
                }
                let lent = refused(store.lend(&Lend {
                    community_id: community,
                    household_id: home,
                    resident_id: None,
                    codes: vec![code.clone()],
                    due: None,
                    approved_by: "王主任".into(),
                    deposit_volunteer_id: None,
                    note: String::new(),
                }))?;
                match lent {
                    Some(l) => sum.loans += l.len() as u32,
                    None => {
                        // out or set aside: the household queues for its kind
                        let copy = store.find_lend_copy(&FindLendCopy {
                            community_id: community,
                            code,
                        })?;
                        if refused(store.place_hold(&PlaceHold {
                            kind_id: copy.kind_id,
                            household_id: home,
                            resident_id: None,
                        }))?
                        .is_some()
                        {
                            sum.holds += 1;
                        }
                    }
                }
            }
        }
        // a copy in maintenance with its service log
        set_time(store, today, ci as u64);
        let first = store.find_lend_copy(&FindLendCopy {
            community_id: community,
            code: "GZ-04".into(),
        })?;
        refused(store.service_copy(&ServiceCopy {
            copy_id: first.id,
            action: CopyAction::Maintenance,
            note: "橡胶脚垫磨损，待更换".into(),
            next_due: None,
        }))?;
    }
    Ok(sum)
}

fn set_time(store: &mut Store, day: &str, minute: u64) {
    if let Some(clock) = store.pinned_now_mut() {
        clock.set_wall_ms(morning(day, minute));
        clock.set_offset_minutes(480);
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::{generate, DemoOptions};
    use crate::Store;
    use linli_domain::lending::CopyStatus;
    use linli_protocol::*;

    #[test]
    fn each_community_has_a_station_with_a_lived_in_month() {
        let mut s = Store::open_in_memory().unwrap();
        let sum = generate(
            &mut s,
            DemoOptions {
                households: 600,
                seed: 9,
            },
        )
        .unwrap();
        let l = sum.lending;
        assert_eq!(
            (l.kinds, l.copies),
            (25 * sum.communities, 60 * sum.communities),
            "{l:?}"
        );
        assert!(l.loans >= 40 * sum.communities, "{l:?}");
        assert!(l.returns > 0 && l.renewals > 0 && l.holds > 0, "{l:?}");
        // the month before today, across one or two calendar months
        let today = s.now().today();
        let start = linli_domain::calendar::add_days(&today, -30).unwrap();
        let mut months = vec![start[..7].to_owned(), today[..7].to_owned()];
        months.dedup();
        let figures: Vec<LendingFigures> = months
            .iter()
            .map(|m| {
                s.lending_report(&LendingReport {
                    month: Some(m.clone()),
                    place_id: None,
                })
                .unwrap()
            })
            .collect();
        let made: u32 = figures.iter().map(|f| f.loans + f.handouts).sum();
        assert_eq!(made, l.loans, "{figures:?}");
        let f = figures.last().unwrap();
        assert!(f.open > 0 && f.overdue > 0, "{f:?}");
        assert_eq!(f.conflicts, 0, "one laptop makes no conflict");
        let community: linli_domain::Id = s
            .conn()
            .query_row(
                "SELECT id FROM places WHERE kind = 'community' ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let overdue = s
            .list_loans(&ListLoans {
                community_id: community,
                household_id: None,
                building_id: None,
                include_closed: false,
                overdue_only: true,
                conflicts_only: false,
                person_id: None,
                grid_id: None,
            })
            .unwrap();
        assert!(!overdue.is_empty(), "a few loans overdue");
        let copies = s
            .list_lend_copies(&ListLendCopies {
                community_id: community,
                kind_id: None,
                include_gone: true,
            })
            .unwrap();
        let n = |st: CopyStatus| copies.iter().filter(|c| c.status == st).count();
        assert!(
            n(CopyStatus::OnLoan) > 5 && n(CopyStatus::OnShelf) > 5,
            "{copies:?}"
        );
        assert!(n(CopyStatus::Maintenance) >= 1);
    }
}
