//! What the desk's second pass added (h19gaps): a kind's photo and photos taken on a return,
//! kept by the one attachments mechanism; loans on the household's timeline; the loan list
//! narrowed to the buildings a worker works (今日's scope); addresses with their compound.

use super::*;
use linli_domain::register::Role;

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(32, 24, |x, y| image::Rgb([x as u8 * 8, y as u8 * 9, 60]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn photo(name: &str, bytes: Vec<u8>) -> NewPhoto {
    NewPhoto {
        name: name.into(),
        mime: None,
        bytes,
    }
}

fn back_with(st: &mut Station, code: &str, photos: Vec<NewPhoto>) -> Result<Vec<Returned>, Error> {
    st.s.return_loans(&ReturnLoans {
        community_id: st.community,
        items: vec![ReturnItem {
            code: code.into(),
            loan_id: None,
            outcome: ReturnOutcome::Damaged,
            condition: "扶手松动".into(),
            missing_parts: vec!["脚踏".into()],
            note: String::new(),
            deposit: None,
            photos,
        }],
    })
}

fn attachments(s: &Store, table: &str, owner: Id) -> Vec<Attachment> {
    s.list_attachments(&ListAttachments {
        owner_table: table.into(),
        owner_ids: vec![owner],
    })
    .unwrap()
}

#[test]
fn a_kinds_photo_and_a_photo_taken_on_return_are_attachments() {
    let mut st = station();
    let k = add_kind(&mut st.s, st.community, kind("轮椅", 30), &["WC-01"]);
    let shot =
        st.s.add_attachment(&AddAttachment {
            owner_table: "lend_kinds".into(),
            owner_id: k,
            path: None,
            bytes: Some(png()),
            name: "轮椅.png".into(),
            mime: None,
        })
        .unwrap();
    assert!(shot.thumb.is_some(), "a thumbnail, as for a visit's photo");
    assert_eq!(attachments(&st.s, "lend_kinds", k), vec![shot]);
    // an id that is no kind is refused
    let e =
        st.s.add_attachment(&AddAttachment {
            owner_table: "lend_kinds".into(),
            owner_id: st.homes[0],
            path: None,
            bytes: Some(png()),
            name: "x.png".into(),
            mime: None,
        })
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e}");

    lend(&mut st, 0, &["WC-01"]).unwrap();
    let copy =
        st.s.find_lend_copy(&FindLendCopy {
            community_id: st.community,
            code: "WC-01".into(),
        })
        .unwrap()
        .id;
    // a file that is not a photo refuses the whole return, naming it, and writes nothing
    let before = st.s.journal().unwrap().len();
    let e = back_with(&mut st, "WC-01", vec![photo("说明.txt", b"hello".to_vec())]).unwrap_err();
    assert!(e.to_string().contains("说明.txt"), "{e}");
    assert_eq!(st.s.journal().unwrap().len(), before);
    assert_eq!(status(&mut st.s, st.community, "WC-01"), CopyStatus::OnLoan);

    back_with(&mut st, "WC-01", vec![photo("扶手.png", png())]).unwrap();
    let pics = attachments(&st.s, "lend_copies", copy);
    assert_eq!(pics.len(), 1);
    assert_eq!(
        (pics[0].name.as_str(), pics[0].pending),
        ("扶手.png", false)
    );
    // the attachment is a synced fact scoped to the station's community, like a visit's photo
    let journal = st.s.journal().unwrap();
    let scope = journal
        .iter()
        .rev()
        .find(|e| e.table == "attachments")
        .and_then(|e| e.scope_community);
    assert_eq!(scope, Some(st.community));
}

#[test]
fn loans_are_lines_of_the_households_timeline() {
    let mut st = station();
    let mut f = kind("轮椅", 7);
    f.parts = vec!["脚踏".into()];
    add_kind(&mut st.s, st.community, f, &["WC-01"]);
    add_kind(&mut st.s, st.community, kind("拐杖", 7), &["ST-01"]);
    lend(&mut st, 0, &["WC-01", "ST-01"]).unwrap();
    on(&mut st.s, "2026-03-05");
    back_with(&mut st, "WC-01", vec![]).unwrap();
    on(&mut st.s, "2026-03-12");
    let lines =
        st.s.household_timeline(&HouseholdTimeline {
            household_id: st.homes[0],
        })
        .unwrap();
    let loans: Vec<(&str, &str, &str)> = lines
        .iter()
        .filter(|e| e.kind == TimelineKind::Loan)
        .map(|e| (e.at.as_str(), e.title.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(
        loans,
        [
            (
                "2026-03-10 00:00",
                "逾期未还：拐杖 ST-01",
                "应还：2026-03-09；逾期3天"
            ),
            (
                "2026-03-05 12:00",
                "归还（损坏）：轮椅 WC-01",
                "成色：扶手松动；缺少配件：脚踏"
            ),
            ("2026-03-02 12:00", "借出：拐杖 ST-01", "应还：2026-03-09"),
            ("2026-03-02 12:00", "借出：轮椅 WC-01", "应还：2026-03-09"),
        ],
        "newest first, beside the household's register lines"
    );
    assert!(lines.iter().any(|e| e.kind == TimelineKind::Register));
    // another household's timeline has none of them
    let other =
        st.s.household_timeline(&HouseholdTimeline {
            household_id: st.homes[1],
        })
        .unwrap();
    assert!(other.iter().all(|e| e.kind != TimelineKind::Loan));
}

fn overdue_for(st: &mut Station, person: Option<Id>) -> Vec<String> {
    st.s.list_loans(&ListLoans {
        community_id: st.community,
        household_id: None,
        building_id: None,
        include_closed: false,
        overdue_only: true,
        conflicts_only: false,
        person_id: person,
        grid_id: None,
    })
    .unwrap()
    .into_iter()
    .map(|l| format!("{} {}", l.building, l.household))
    .collect()
}

#[test]
fn todays_loans_are_the_workers_buildings_and_addresses_carry_their_compound() {
    let mut st = station();
    // a second compound of the community with a building of the same name
    let east = crate::common::add(&mut st.s, PlaceKind::Compound, "东湖苑", Some(st.community));
    let east3 = crate::common::add(&mut st.s, PlaceKind::Building, "3栋", Some(east));
    let far =
        st.s.add_household(&AddHousehold {
            building_id: east3,
            unit_id: None,
            room: "101".into(),
            fields: HouseholdFields::default(),
        })
        .unwrap()
        .id;
    st.homes.push(far);
    add_kind(
        &mut st.s,
        st.community,
        kind("拐杖", 7),
        &["ST-01", "ST-02"],
    );
    lend(&mut st, 0, &["ST-01"]).unwrap();
    lend(&mut st, 3, &["ST-02"]).unwrap();
    on(&mut st.s, "2026-03-20");
    assert_eq!(
        overdue_for(&mut st, None),
        ["东湖苑3栋 东湖苑3栋101", "西门新村3栋 西门新村3栋101"],
        "two buildings named 3栋 told apart by their compound"
    );
    let worker =
        st.s.add_person(&AddPerson {
            community_id: st.community,
            name: "陈网格".into(),
            phone: None,
            roles: vec![Role::GridWorker],
        })
        .unwrap()
        .id;
    st.s.assign(&Assign {
        person_id: worker,
        role: Role::GridWorker,
        grid_id: None,
        place_id: Some(st.building),
    })
    .unwrap();
    assert_eq!(
        overdue_for(&mut st, Some(worker)),
        ["西门新村3栋 西门新村3栋101"],
        "only the households of the worker's own buildings"
    );
}
