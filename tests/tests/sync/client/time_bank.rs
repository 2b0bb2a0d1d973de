//! The volunteer time bank through the real server over HTTP on 127.0.0.1: two laptops redeem the
//! last points offline; after sync the server marks the one that overdrew, both laptops keep both
//! redemptions and show the mark, and a coordinator's resolution reaches the other laptop.

use linli_tests::{spawn_server, TestServer as Server, Town};

use linli_domain::volunteers::ItemKind;
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::*;
use linli_store::Store;
use linli_sync::{Engine, HttpTransport};

trait Laptops {
    fn laptop(&self, user: &str) -> Store;
    fn sync(&self, s: &mut Store) -> linli_sync::Report;
}

impl Laptops for Server {
    fn laptop(&self, user: &str) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let mut t = HttpTransport::new(&self.url);
        linli_sync::login(&mut s, &mut t, &self.url, user, "secret", "station laptop").unwrap();
        s
    }

    fn sync(&self, s: &mut Store) -> linli_sync::Report {
        Engine::new(HttpTransport::new(&self.url))
            .sync(s, &mut |_| {})
            .unwrap()
    }
}

#[test]
fn two_laptops_redeem_the_last_points_offline_and_the_overdraft_is_marked_for_review() {
    let srv = spawn_server();
    srv.user("coordinator", Role::Admin, &[]);
    let mut a = srv.laptop("coordinator");
    let mut b = srv.laptop("coordinator");

    // station A: a community, a volunteer with 2 verified hours (20 points), a stocked item
    let community = Town::new("樟城镇").community("北门社区").build(&mut a)["北门社区"];
    let v = a
        .add_volunteer(&AddVolunteer {
            community_id: community,
            resident_id: None,
            name: "林秀英".into(),
            phone: None,
            skills: vec![],
            availability: String::new(),
        })
        .unwrap()
        .id;
    let entries = a
        .credit_hours(&CreditHours {
            volunteer_ids: vec![v],
            hours: Some(2.0),
            category: Some("护学".into()),
            date: Some("2026-03-02".into()),
            ..Default::default()
        })
        .unwrap();
    a.verify_hours(&VerifyHours {
        entry_ids: vec![entries[0].id],
        verified_by: None,
    })
    .unwrap();
    let oil = a
        .add_catalogue_item(&AddCatalogueItem {
            community_id: community,
            kind: ItemKind::Goods,
            name: "食用油".into(),
            cost: 15,
            unit: "桶".into(),
            stock: 5,
        })
        .unwrap()
        .id;
    let balance = |s: &Store| {
        s.points_balance(&PointsBalance { volunteer_id: v })
            .unwrap()
    };
    srv.sync(&mut a);
    assert!(balance(&a).certain, "{}", balance(&a).note);
    srv.sync(&mut b);
    assert_eq!(balance(&b).balance, 20);

    // both stations hand over a bottle of oil offline: each laptop knows 20 points
    let first = a
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: oil,
            quantity: 1,
        })
        .unwrap();
    let second = b
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: oil,
            quantity: 1,
        })
        .unwrap();
    assert_eq!(second.balance.balance, 5);
    assert_eq!(second.balance.pending_here, -15);

    assert_eq!(srv.sync(&mut a).needs_review, 0);
    assert_eq!(
        srv.sync(&mut b).needs_review,
        1,
        "the second to arrive overdrew"
    );
    srv.sync(&mut a);

    for laptop in [&a, &b] {
        let st = laptop
            .ledger_statement(&LedgerStatement { volunteer_id: v })
            .unwrap();
        let ids: Vec<Id> = st.lines.iter().map(|l| l.id).collect();
        assert!(ids.contains(&first.ledger_id) && ids.contains(&second.ledger_id));
        let marked: Vec<Id> = st
            .lines
            .iter()
            .filter(|l| l.needs_review)
            .map(|l| l.id)
            .collect();
        assert_eq!(marked, vec![second.ledger_id]);
        assert_eq!(st.balance.balance, -10);
        assert_eq!(st.balance.open_reviews, 1);
        assert!(!st.balance.certain);
        let reviews = laptop
            .list_reviews(&ListReviews {
                community_id: Some(community),
            })
            .unwrap();
        assert_eq!(reviews.len(), 1);
        assert_eq!(reviews[0].volunteer_name, "林秀英");
    }

    // the coordinator at A reverses the overdrawing redemption (the oil came back)
    a.resolve_review(&ResolveReview {
        ledger_id: second.ledger_id,
        resolution: ReviewResolution::Reverse,
        note: "油已退回".into(),
    })
    .unwrap();
    srv.sync(&mut a);
    srv.sync(&mut b);
    for laptop in [&a, &b] {
        let bal = balance(laptop);
        assert_eq!(bal.balance, 5);
        assert_eq!(bal.open_reviews, 0);
        assert!(laptop
            .list_reviews(&ListReviews { community_id: None })
            .unwrap()
            .is_empty());
        let stock = laptop
            .list_catalogue(&ListCatalogue {
                community_id: community,
            })
            .unwrap()[0]
            .stock;
        assert_eq!(stock, Some(4));
    }
    assert_eq!(a.export_canonical().unwrap(), b.export_canonical().unwrap());
}
