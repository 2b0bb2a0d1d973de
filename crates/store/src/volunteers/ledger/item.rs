//! A catalogue item as this laptop knows it, with its stock (a sum of stock moves): the lowest
//! of the ledger's files, read by the facts and the catalogue alike.

use linli_domain::volunteers::ItemKind;
use linli_domain::Id;
use linli_protocol::CatalogueItem;
use rusqlite::{Connection, OptionalExtension};

use crate::{Error, Result};

pub(super) fn item_kind(conn: &Connection, item: Id) -> Result<ItemKind> {
    Ok(catalogue_item(conn, item)?.kind)
}

pub(crate) fn catalogue_item(conn: &Connection, id: Id) -> Result<CatalogueItem> {
    let row = conn
        .prepare_cached(
            "SELECT community_id, kind, name, cost, unit,
                    (SELECT coalesce(sum(delta), 0) FROM stock_moves m WHERE m.item_id = c.id) AS stock
             FROM catalogue_items c WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            let kind = ItemKind::read(&r.get::<_, String>("kind")?);
            Ok((
                r.get::<_, String>("community_id")?,
                CatalogueItem {
                    id,
                    community_id: id,
                    kind,
                    name: r.get("name")?,
                    cost: r.get("cost")?,
                    unit: r.get("unit")?,
                    stock: (kind == ItemKind::Goods)
                        .then(|| r.get("stock"))
                        .transpose()?,
                },
            ))
        })
        .optional()?;
    let (community, mut item) = row.ok_or(Error::NotFound {
        what: "兑换物品",
        id: id.to_string(),
    })?;
    item.community_id = community.parse()?;
    Ok(item)
}
