//! The Register's forms as plain data: what the user typed, checked field by field with the
//! domain's own validators (so the form says, in the store's Chinese, what the store would say),
//! and turned into the protocol request. Pure, so tested natively.

use std::collections::BTreeMap;

use linli_domain::register::{normalize_tags, validate_person_name, validate_relation};
use linli_domain::Id;
use linli_domain::{address::validate_room, date, Gender, Phone, ResidentId};
use linli_protocol::{ApiError, EditResident, Resident, ResidentFields};

/// Field name → the message to show next to it. The names are the domain's `field()` names, the
/// same ones an [`ApiError`] from the store carries.
pub type Errors = BTreeMap<String, String>;

fn put(errors: &mut Errors, r: Result<impl Sized, linli_domain::DomainError>) {
    if let Err(e) = r {
        errors.insert(e.field().to_owned(), e.to_string());
    }
}

/// Where a store error belongs in a form: its `field`, or, for a duplicate refused without one,
/// `fallback` (the ID number for a resident, the room for a household).
pub fn error_field(e: &ApiError, fallback: &str) -> String {
    e.field.clone().unwrap_or_else(|| fallback.to_owned())
}

/// What an ID number tells: gender and birth date ("YYYY-MM-DD"), when it is valid.
pub fn from_id_number(raw: &str) -> Option<(Gender, String)> {
    let id = ResidentId::parse(raw).ok()?;
    let (y, m, d) = id.birth_date();
    Some((id.gender(), format!("{y:04}-{m:02}-{d:02}")))
}

/// The "add a member" form, and the form editing a member in place (which starts from the
/// resident, with the ID number and phone empty: left empty, the ones on record stay).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberForm {
    pub name: String,
    pub relation: String,
    pub id_number: String,
    pub gender: Option<Gender>,
    pub birth_date: String,
    pub phone: String,
    pub care_tags: Vec<String>,
    pub moved_in: String,
    pub notes: String,
    /// 党员: a flag of its own, not a care tag.
    pub party_member: bool,
    /// Editing only: the moved-out date, empty while they live here.
    pub moved_out: String,
}

impl MemberForm {
    /// A new form; the first member of a household is usually its head.
    pub fn new(first_member: bool) -> Self {
        MemberForm {
            relation: if first_member { "户主" } else { "配偶" }.to_owned(),
            ..Default::default()
        }
    }

    /// The form editing `r`: every field as registered, the ID number and phone left empty.
    pub fn from_resident(r: &Resident) -> Self {
        MemberForm {
            name: r.name.clone(),
            relation: r.relation.clone(),
            id_number: String::new(),
            gender: r.gender,
            birth_date: r.birth_date.clone().unwrap_or_default(),
            phone: String::new(),
            care_tags: r.care_tags.clone(),
            moved_in: r.moved_in.clone().unwrap_or_default(),
            notes: r.notes.clone(),
            party_member: r.party_member,
            moved_out: r.moved_out.clone().unwrap_or_default(),
        }
    }

    /// The request saving the edited resident `id`.
    pub fn edit_request(&self, id: Id, accept_possible_duplicate: bool) -> EditResident {
        EditResident {
            id,
            fields: self.request(accept_possible_duplicate),
            moved_out: Some(self.moved_out.trim().to_owned()),
        }
    }

    /// Sets the ID number and, when it is valid, fills gender and birth date from it.
    pub fn set_id_number(&mut self, value: String) {
        if let Some((gender, birth)) = from_id_number(&value) {
            self.gender = Some(gender);
            self.birth_date = birth;
        }
        self.id_number = value;
    }

    pub fn toggle_tag(&mut self, tag: &str) {
        if let Some(i) = self.care_tags.iter().position(|t| t == tag) {
            self.care_tags.remove(i);
        } else {
            self.care_tags.push(tag.to_owned());
        }
    }

    /// Every field's problem. Name and relation are required; the rest are checked when filled.
    pub fn errors(&self) -> Errors {
        let mut e = Errors::new();
        put(&mut e, validate_person_name(&self.name));
        put(&mut e, validate_relation(&self.relation));
        if !self.id_number.trim().is_empty() {
            put(&mut e, ResidentId::parse(&self.id_number));
        }
        if !self.phone.trim().is_empty() {
            put(&mut e, Phone::parse(&self.phone));
        }
        if !self.birth_date.trim().is_empty() {
            put(&mut e, date::validate("birth_date", &self.birth_date));
        }
        if !self.moved_in.trim().is_empty() {
            put(&mut e, date::validate("moved_in", &self.moved_in));
        }
        if !self.moved_out.trim().is_empty() {
            put(&mut e, date::validate("moved_out", &self.moved_out));
        }
        if self.notes.trim().chars().count() > 500 {
            e.insert("notes".into(), "备注最多500字".into());
        }
        e
    }

    pub fn request(&self, accept_possible_duplicate: bool) -> ResidentFields {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        ResidentFields {
            name: self.name.trim().to_owned(),
            gender: self.gender,
            birth_date: opt(&self.birth_date),
            id_number: opt(&self.id_number),
            phone: opt(&self.phone),
            relation: self.relation.trim().to_owned(),
            care_tags: self.care_tags.clone(),
            moved_in: opt(&self.moved_in),
            notes: self.notes.trim().to_owned(),
            party_member: self.party_member,
            accept_possible_duplicate,
        }
    }
}

/// Checks a room as it is typed into the "add a household" form.
pub fn room_error(room: &str) -> Option<String> {
    validate_room(room).err().map(|e| e.to_string())
}

/// Splits a comma- or space-separated tag list as typed ("独居老人，低保 党员").
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ' ', '　'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The household facts form's problems (tags and phone).
pub fn household_errors(phone: &str, tags: &str) -> Errors {
    let mut e = Errors::new();
    if !phone.trim().is_empty() {
        put(&mut e, Phone::parse(phone));
    }
    put(&mut e, normalize_tags(&split_tags(tags)));
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::make_resident_id;

    #[test]
    fn a_valid_id_number_fills_gender_and_birth_date() {
        let id = make_resident_id(350121, 1952, 3, 8, 41, Gender::Female);
        let mut f = MemberForm::new(true);
        assert_eq!(f.relation, "户主");
        f.set_id_number(id.as_str().to_owned());
        assert_eq!(f.gender, Some(Gender::Female));
        assert_eq!(f.birth_date, "1952-03-08");
        // a half-typed number leaves what was there
        f.set_id_number("3501".into());
        assert_eq!(f.birth_date, "1952-03-08");
    }

    #[test]
    fn errors_name_the_field_in_the_stores_words() {
        let mut f = MemberForm::new(false);
        let e = f.errors();
        assert_eq!(e.get("name").map(String::as_str), Some("姓名不能为空"));
        assert!(
            !e.contains_key("id_number"),
            "an empty ID number is allowed"
        );

        f.name = "林秀英".into();
        let good = make_resident_id(350121, 1980, 1, 2, 3, Gender::Male).into_string();
        let last = good.chars().last().unwrap();
        let wrong = if last == '0' { '1' } else { '0' };
        f.set_id_number(format!("{}{wrong}", &good[..17]));
        let e = f.errors();
        assert!(
            e["id_number"].contains("校验位错误"),
            "wrong check digit: {e:?}"
        );
        assert_eq!(f.gender, None, "an invalid number fills nothing");

        f.set_id_number(good);
        f.phone = "12345".into();
        f.moved_in = "2020-02-30".into();
        let e = f.errors();
        assert_eq!(e.keys().collect::<Vec<_>>(), ["moved_in", "phone"]);
        f.phone = "139 1234 5678".into();
        f.moved_in = "2020-02-29".into();
        assert!(f.errors().is_empty());
    }

    #[test]
    fn editing_starts_from_the_resident_and_keeps_numbers_unless_retyped() {
        let r = Resident {
            id: Id::from_uuid(Default::default()),
            household_id: Id::from_uuid(Default::default()),
            name: "林秀英".into(),
            gender: Some(Gender::Female),
            birth_date: Some("1952-03-08".into()),
            id_number_masked: Some("3501**********4128".into()),
            phone_masked: Some("139****5678".into()),
            relation: "母亲".into(),
            care_tags: vec!["独居老人".into()],
            moved_in: Some("2001-05-01".into()),
            moved_out: None,
            notes: "耳背".into(),
            party_member: true,
            gender_code: None,
        };
        let mut f = MemberForm::from_resident(&r);
        assert_eq!(f.id_number, "", "never the masked number");
        assert!(f.errors().is_empty(), "{:?}", f.errors());
        f.moved_out = "2026-13-01".into();
        assert!(f.errors().contains_key("moved_out"));
        f.moved_out = String::new();
        let req = f.edit_request(r.id, false);
        assert_eq!(req.fields.id_number, None, "kept on record");
        assert_eq!(req.fields.phone, None);
        assert_eq!(req.fields.notes, "耳背");
        assert!(req.fields.party_member);
        assert_eq!(req.moved_out.as_deref(), Some(""), "lives here");
    }

    #[test]
    fn the_request_leaves_empty_fields_out_and_carries_the_duplicate_confirmation() {
        let mut f = MemberForm::new(false);
        f.name = " 王芳 ".into();
        f.toggle_tag("低保");
        f.toggle_tag("党员");
        f.toggle_tag("低保");
        let r = f.request(true);
        assert_eq!(r.name, "王芳");
        assert_eq!(r.relation, "配偶");
        assert_eq!(r.id_number, None);
        assert_eq!(r.phone, None);
        assert_eq!(r.care_tags, ["党员"]);
        assert!(r.accept_possible_duplicate);
    }

    #[test]
    fn rooms_and_tags_are_checked_as_typed() {
        assert_eq!(room_error("301"), None);
        assert_eq!(room_error(" 1502室"), None);
        assert!(room_error("").unwrap().contains("门牌号"));
        assert!(room_error("3/01").unwrap().contains("格式不对"));
        assert_eq!(
            split_tags("独居老人，低保 党员、"),
            ["独居老人", "低保", "党员"]
        );
        assert!(household_errors("", "低保").is_empty());
        assert!(household_errors("123", "").contains_key("phone"));
        assert!(household_errors("", "一二三四五六七八九十十一").contains_key("tags"));
    }

    #[test]
    fn store_errors_without_a_field_land_on_the_fallback() {
        let mut e = ApiError::new(linli_protocol::ErrorKind::Conflict, "身份证号已登记");
        assert_eq!(error_field(&e, "id_number"), "id_number");
        e.field = Some("phone".into());
        assert_eq!(error_field(&e, "id_number"), "phone");
    }
}
