//! The strings of editing the place tree in the Register (issue 15 item 2): renaming, moving and
//! adding compounds, buildings with their units, and units; in both languages. `Texts::places`
//! holds them. The store's refusals are Chinese sentences; in English `err_of` says them again
//! from the error's kind and field, so an English page shows no Chinese but the user's own names.

use linli_protocol::{ApiError, ErrorKind};

#[derive(Debug)]
pub struct PlacesTexts {
    pub edit_title: &'static str,
    pub name: &'static str,
    pub rename: &'static str,
    pub renamed: fn(name: &str) -> String,
    pub move_to: &'static str,
    pub move_btn: &'static str,
    pub moved: fn(name: &str, under: &str) -> String,
    pub pick_parent: &'static str,
    pub nowhere_to_move: &'static str,
    pub add_child: fn(kind: &str) -> String,
    pub child_name: fn(kind: &str) -> String,
    pub units: &'static str,
    pub units_hint: &'static str,
    pub added: fn(name: &str) -> String,
    pub err_name_empty: &'static str,
    pub err_name_long: fn(chars: usize) -> String,
    pub err_units: &'static str,
    pub err_same_parent: &'static str,
    pub floors: &'static str,
    pub floors_hint: &'static str,
    pub floors_save: &'static str,
    pub floors_saved: fn(name: &str, floors: Option<u32>) -> String,
    pub err_floors: &'static str,
    /// A refusal from the store, in this language: `kind` is the place's level as said here,
    /// `name` the name asked for.
    pub err_of: fn(e: &ApiError, kind: &str, name: &str) -> String,
}

pub const ZH: PlacesTexts = PlacesTexts {
    edit_title: "编辑地点",
    name: "名称",
    rename: "改名",
    renamed: |n| format!("已改名为“{n}”"),
    move_to: "移到",
    move_btn: "移动",
    moved: |n, u| format!("已把“{n}”移到“{u}”下"),
    pick_parent: "请选择要移到哪里",
    nowhere_to_move: "没有可以移到的上级",
    add_child: |k| format!("添加{k}"),
    child_name: |k| format!("{k}名称"),
    units: "单元数",
    units_hint: "同时建好“1单元”到“N单元”，可填0",
    added: |n| format!("已添加“{n}”"),
    err_name_empty: "名称不能为空",
    err_name_long: |c| format!("名称最多50个字，现在是{c}个字"),
    err_units: "单元数应在0到30之间",
    err_same_parent: "已经在这里了，请选择另一个上级",
    floors: "楼层数",
    floors_hint: "这栋楼共几层，1到99，不知道可留空",
    floors_save: "保存楼层数",
    floors_saved: |n, f| match f {
        Some(f) => format!("“{n}”共{f}层"),
        None => format!("已清除“{n}”的楼层数"),
    },
    err_floors: "楼层数应在1到99之间，或留空",
    err_of: |e, _, _| e.message.clone(),
};

pub const EN: PlacesTexts = PlacesTexts {
    edit_title: "Edit place",
    name: "Name",
    rename: "Rename",
    renamed: |n| format!("Renamed to “{n}”"),
    move_to: "Move under",
    move_btn: "Move",
    moved: |n, u| format!("Moved “{n}” under “{u}”"),
    pick_parent: "Choose where to move it",
    nowhere_to_move: "There is no place to move it under",
    add_child: |k| format!("Add a {}", k.to_lowercase()),
    child_name: |k| format!("{k} name"),
    units: "Units",
    units_hint: "Creates units 1 to N with it; 0 for none",
    added: |n| format!("Added “{n}”"),
    err_name_empty: "Enter a name",
    err_name_long: |c| format!("A name has at most 50 characters; this one has {c}"),
    err_units: "Units must be between 0 and 30",
    err_same_parent: "It is already there; choose another place",
    floors: "Floors",
    floors_hint: "How many floors the building has, 1 to 99; leave empty if not known",
    floors_save: "Save floors",
    floors_saved: |n, f| match f {
        Some(1) => format!("“{n}” has 1 floor"),
        Some(f) => format!("“{n}” has {f} floors"),
        None => format!("Cleared the floors of “{n}”"),
    },
    err_floors: "Floors must be between 1 and 99, or empty",
    err_of: |e, kind, name| match (e.kind, e.field.as_deref()) {
        (ErrorKind::Conflict, _) => {
            format!(
                "There is already a {} named “{name}” here",
                kind.to_lowercase()
            )
        }
        (ErrorKind::Invalid, Some("name")) => {
            "The name is empty, longer than 50 characters or holds control characters".to_owned()
        }
        (ErrorKind::Invalid, Some("parent_id")) => {
            format!(
                "A {} cannot go there: choose a place of the level just above it",
                kind.to_lowercase()
            )
        }
        (ErrorKind::Invalid, Some("units")) => "Units must be between 0 and 30".to_owned(),
        (ErrorKind::Invalid, Some("floors")) => "Floors must be between 1 and 99".to_owned(),
        (ErrorKind::Invalid, Some("building_id")) => "That place is not a building".to_owned(),
        (ErrorKind::NotFound, _) => "That place is no longer in the register".to_owned(),
        _ => "The change was refused; nothing was saved".to_owned(),
    },
};
