//! The catalogue of a station: items, their stock (a sum of stock moves), and redemptions that
//! the stock and the balance the laptop knows allow.

use linli_domain::volunteers::{validate_count, ItemKind, LedgerKind};
use linli_domain::{DomainError, Id};
use linli_protocol::{
    AddCatalogueItem, CatalogueItem, EditCatalogueItem, ListCatalogue, Redeem, Redemption, Restock,
};
use serde_json::json;

use super::balance::balance_of;
use super::facts::{insert_ledger, stock_move, NewLedger};
pub(crate) use super::item::catalogue_item;
use crate::volunteers::{check_community, community_scope, text_field, volunteer_head};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_item(
    w: &mut Writer<'_>,
    id: Id,
    community: Id,
    kind: ItemKind,
    name: &str,
    cost: i64,
    unit: &str,
    stock: i64,
) -> Result<()> {
    w.write(RowWrite {
        table: "catalogue_items",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("kind", json!(kind.known("kind")?.code())),
            ("name", json!(name)),
            ("cost", json!(cost)),
            ("unit", json!(unit)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(community),
    })?;
    if stock > 0 && kind == ItemKind::Goods {
        stock_move(w, community, id, stock, None)?;
    }
    Ok(())
}

/// Redeems `quantity` of `item` for a volunteer: refuses when the stock or the balance the
/// laptop knows is short, so a redemption never overdraws here without saying so.
pub(crate) fn redeem_in(
    w: &mut Writer<'_>,
    volunteer: Id,
    item_id: Id,
    quantity: i64,
) -> Result<(Id, i64)> {
    let quantity = validate_count("quantity", quantity, 100)?;
    let (community, name) = volunteer_head(w.tx(), volunteer)?;
    let item = catalogue_item(w.tx(), item_id)?;
    if item.community_id != community {
        return Err(DomainError::coded(
            "item_id",
            linli_domain::msg::ITEM_NOT_IN_CATALOGUE,
            vec![],
        )
        .into());
    }
    if let Some(stock) = item.stock {
        if stock < quantity {
            return Err(Error::conflict(
                linli_domain::msg::OUT_OF_STOCK,
                linli_domain::args![
                    item = item.name,
                    stock = stock,
                    unit = item.unit,
                    quantity = quantity
                ],
            ));
        }
    }
    let cost = item.cost * quantity;
    let today = w.now().today();
    let b = balance_of(w.tx(), volunteer, &w.now().clone())?;
    if b.balance < cost {
        return Err(Error::conflict(
            linli_domain::msg::NOT_ENOUGH_POINTS,
            linli_domain::args![
                name = name,
                balance = b.balance,
                item = item.name,
                quantity = quantity,
                cost = cost
            ],
        ));
    }
    let note = format!("{} ×{quantity}", item.name);
    let id = insert_ledger(
        w,
        &NewLedger {
            volunteer,
            community,
            kind: LedgerKind::Redeem,
            points: -cost,
            date: &today,
            entry: None,
            item: Some(item_id),
            quantity: Some(quantity),
            reverses: None,
            note: &note,
        },
    )?;
    if item.kind == ItemKind::Goods {
        stock_move(w, community, item_id, -quantity, Some(id))?;
    }
    Ok((id, cost))
}

impl Store {
    pub fn add_catalogue_item(&mut self, req: &AddCatalogueItem) -> Result<CatalogueItem> {
        check_community(&self.conn, req.community_id)?;
        let name = text_field("name", "物品名称", &req.name, 30, false)?;
        let unit = text_field("unit", "单位", &req.unit, 6, true)?;
        let cost = validate_count("cost", req.cost, 100_000)?;
        if req.stock < 0 {
            return Err(
                DomainError::coded("stock", linli_domain::msg::STOCK_NEGATIVE, vec![]).into(),
            );
        }
        let id = self.next_id();
        let mut w = self.begin()?;
        insert_item(
            &mut w,
            id,
            req.community_id,
            req.kind,
            &name,
            cost,
            &unit,
            req.stock,
        )?;
        w.commit()?;
        catalogue_item(&self.conn, id)
    }

    /// Changes an item's name, cost and unit (its kind and stock stay), checked as when added.
    pub fn edit_catalogue_item(&mut self, req: &EditCatalogueItem) -> Result<CatalogueItem> {
        let item = catalogue_item(&self.conn, req.id)?;
        let name = text_field("name", "物品名称", &req.name, 30, false)?;
        let unit = text_field("unit", "单位", &req.unit, 6, true)?;
        let cost = validate_count("cost", req.cost, 100_000)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "catalogue_items",
            row_id: item.id,
            fields: vec![
                ("name", json!(name)),
                ("cost", json!(cost)),
                ("unit", json!(unit)),
            ],
            scope: community_scope(item.community_id),
        })?;
        w.commit()?;
        catalogue_item(&self.conn, item.id)
    }

    pub fn restock(&mut self, req: &Restock) -> Result<CatalogueItem> {
        let item = catalogue_item(&self.conn, req.item_id)?;
        if item.kind != ItemKind::Goods {
            return Err(
                DomainError::coded("item_id", linli_domain::msg::LESSONS_NO_STOCK, vec![]).into(),
            );
        }
        let q = validate_count("quantity", req.quantity, 100_000)?;
        let mut w = self.begin()?;
        stock_move(&mut w, item.community_id, item.id, q, None)?;
        w.commit()?;
        catalogue_item(&self.conn, req.item_id)
    }

    pub fn list_catalogue(&self, req: &ListCatalogue) -> Result<Vec<CatalogueItem>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM catalogue_items WHERE community_id = ?1 AND deleted = 0
                 ORDER BY kind, cost, name",
            )?
            .query_map([req.community_id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|id| catalogue_item(&self.conn, id.parse()?))
            .collect()
    }

    pub fn redeem(&mut self, req: &Redeem) -> Result<Redemption> {
        let mut w = self.begin()?;
        let (id, cost) = redeem_in(&mut w, req.volunteer_id, req.item_id, req.quantity)?;
        w.commit()?;
        Ok(Redemption {
            ledger_id: id,
            points: cost,
            item: catalogue_item(&self.conn, req.item_id)?,
            balance: balance_of(&self.conn, req.volunteer_id, &self.now())?,
        })
    }
}
