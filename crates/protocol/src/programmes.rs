//! Programmes for residents' children (托管, issue 25 item 1; docs/programmes.md): 四点半学校,
//! 妈妈小屋, 周末学吧. A programme with its schedule, capacity, age range and staff rota; children
//! of the register enrolled with their guardians, or waiting when it is full; the day's sign-in
//! sheet with who collected each child; a shift's hours credited to the rota's volunteers in the
//! time bank; the month's figures. Children's details reach the programme's staff and
//! administrators only (`privacy::has_programme_grant`); others see counts.

use linli_domain::programmes::{CollectorKind, DayState, EnrolState, ProgrammeKind};
use linli_domain::{Gender, Id};
use serde::{Deserialize, Serialize};

use crate::{Command, CountBy, HourEntry};

/// One of a programme's staff: a volunteer of the time bank or a worker (`people`), and the
/// weekdays they are on the rota ("" for every day the programme meets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFields {
    #[serde(default)]
    pub volunteer_id: Option<Id>,
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default)]
    pub weekdays: String,
}

/// A programme as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFields {
    pub community_id: Id,
    pub kind: ProgrammeKind,
    pub name: String,
    /// The compound or building it meets in; the community itself when none.
    #[serde(default)]
    pub place_id: Option<Id>,
    /// The room ("二楼活动室").
    #[serde(default)]
    pub room: String,
    /// "12345": the weekdays it meets, 1 Monday … 7 Sunday.
    pub weekdays: String,
    /// "16:30"
    pub opens: String,
    /// "18:30"
    pub closes: String,
    pub term_start: String,
    /// "" for an open-ended term.
    #[serde(default)]
    pub term_end: String,
    pub capacity: i64,
    pub age_min: i64,
    pub age_max: i64,
    #[serde(default)]
    pub staff: Vec<StaffFields>,
    #[serde(default)]
    pub note: String,
}

/// One of the staff as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeStaff {
    #[serde(flatten)]
    pub fields: StaffFields,
    pub name: String,
}

/// A programme as read back, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: Id,
    #[serde(flatten)]
    pub fields: ProgrammeFields,
    /// "西门新村" (the community's name when it meets at the community)
    pub place_name: String,
    pub staff_named: Vec<ProgrammeStaff>,
    pub enrolled: u32,
    pub waiting: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddProgramme {
    #[serde(flatten)]
    pub fields: ProgrammeFields,
}

impl Command for AddProgramme {
    const NAME: &'static str = "add_programme";
    type Response = Programme;
}

/// Rewrites a programme. A larger capacity promotes those waiting, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditProgramme {
    pub id: Id,
    #[serde(flatten)]
    pub fields: ProgrammeFields,
}

impl Command for EditProgramme {
    const NAME: &'static str = "edit_programme";
    type Response = Programme;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeSort {
    #[default]
    Name,
    Kind,
    /// fullest first
    Fill,
    Waiting,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListProgrammes {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub kind: Option<ProgrammeKind>,
    /// in the name, the place or the room
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub sort: ProgrammeSort,
    /// the day "present today" counts (today when absent)
    #[serde(default)]
    pub date: Option<String>,
}

/// One line of the programmes list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeLine {
    pub id: Id,
    pub community_id: Id,
    pub kind: ProgrammeKind,
    pub name: String,
    pub place_name: String,
    pub room: String,
    pub weekdays: String,
    pub opens: String,
    pub closes: String,
    pub term_start: String,
    pub term_end: String,
    pub capacity: i64,
    pub age_min: i64,
    pub age_max: i64,
    pub enrolled: u32,
    pub waiting: u32,
    /// signed in on the day
    pub present: u32,
    /// whether it meets on the day
    pub meets: bool,
    /// the staff's names, "、"-joined
    pub staff: String,
}

impl Command for ListProgrammes {
    const NAME: &'static str = "list_programmes";
    type Response = Vec<ProgrammeLine>;
}

/// A guardian: a resident of the register (name and phone from the register when left empty)
/// or anyone else, with how they are related and how to reach them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    #[serde(default)]
    pub resident_id: Option<Id>,
    #[serde(default)]
    pub name: String,
    /// "母亲", "祖父"
    #[serde(default)]
    pub relation: String,
    /// masked ("138****5678") on a laptop that reads no full phones
    #[serde(default)]
    pub phone: String,
}

/// A child's enrolment as read back. Without the grant every personal field is empty and
/// `withheld` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub id: Id,
    pub programme_id: Id,
    pub resident_id: Option<Id>,
    pub name: String,
    pub gender: Option<Gender>,
    /// age today
    pub age: Option<i64>,
    /// "西门新村3栋101"
    pub address: String,
    pub guardians: Vec<Guardian>,
    pub state: EnrolState,
    /// the day enrolled or put on the waiting list
    pub since: String,
    /// place on the waiting list, from 1
    pub position: Option<u32>,
    pub left_on: String,
    pub note: String,
    /// days attended
    pub days: u32,
    pub withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetProgramme {
    pub id: Id,
}

/// A programme with its roster and waiting list (in order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeDetail {
    pub programme: Programme,
    pub roster: Vec<Enrolment>,
    pub waiting: Vec<Enrolment>,
    pub left: Vec<Enrolment>,
    /// children's details withheld on this laptop
    pub withheld: bool,
}

impl Command for GetProgramme {
    const NAME: &'static str = "programme";
    type Response = ProgrammeDetail;
}

/// Enrols a child of the register (on the waiting list when the programme is full).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolChild {
    pub programme_id: Id,
    pub resident_id: Id,
    pub guardians: Vec<Guardian>,
    /// today when absent
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub note: String,
}

impl Command for EnrolChild {
    const NAME: &'static str = "enrol_child";
    type Response = Enrolment;
}

/// A child leaves (or leaves the waiting list); the first waiting takes a freed place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawChild {
    pub enrolment_id: Id,
    #[serde(default)]
    pub date: Option<String>,
}

impl Command for WithdrawChild {
    const NAME: &'static str = "withdraw_child";
    type Response = ProgrammeDetail;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetSignSheet {
    pub programme_id: Id,
    /// today when absent
    #[serde(default)]
    pub date: Option<String>,
}

/// A child's line on the day's sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub enrolment_id: Id,
    pub name: String,
    pub age: Option<i64>,
    pub state: DayState,
    /// "16:35"
    pub in_at: String,
    pub out_at: String,
    pub collector: Option<CollectorKind>,
    /// "李娜（母亲）", "王阿姨（邻居）：妈妈加班"
    pub collected_by: String,
    /// signed in and still there at closing
    pub not_collected: bool,
    pub guardians: Vec<Guardian>,
}

/// The day's sign-in sheet: every enrolled child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignSheet {
    pub programme_id: Id,
    pub date: String,
    pub meets: bool,
    pub opens: String,
    pub closes: String,
    pub lines: Vec<SheetLine>,
    pub present: u32,
    pub not_collected: u32,
    pub withheld: bool,
}

impl Command for GetSignSheet {
    const NAME: &'static str = "sign_sheet";
    type Response = SignSheet;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    pub enrolment_id: Id,
    #[serde(default)]
    pub date: Option<String>,
    /// "HH:MM", now when absent
    #[serde(default)]
    pub time: Option<String>,
}

impl Command for SignIn {
    const NAME: &'static str = "sign_child_in";
    type Response = SheetLine;
}

/// Signs a child out: collected by a listed guardian (`guardian`, from 0), another named person
/// with a reason, or home alone with the guardians' written consent (the reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOut {
    pub enrolment_id: Id,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    pub collector: CollectorKind,
    #[serde(default)]
    pub guardian: Option<u32>,
    /// another person's name (and relation, "王阿姨（邻居）")
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub reason: String,
}

impl Command for SignOut {
    const NAME: &'static str = "sign_child_out";
    type Response = SheetLine;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetAttendance {
    pub programme_id: Id,
    /// "YYYY-MM"; this month when absent
    #[serde(default)]
    pub month: Option<String>,
}

/// A day of attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceDay {
    pub date: String,
    pub present: u32,
    pub not_collected: u32,
    /// the rota's volunteers credited for the day, and their hours
    pub credited: u32,
    pub hours: f64,
}

/// A month's attendance of a programme, day by day and child by child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub programme_id: Id,
    pub month: String,
    pub days: Vec<AttendanceDay>,
    /// (name, days attended) per child enrolled; names withheld without the grant
    pub children: Vec<ChildDays>,
    pub withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildDays {
    pub enrolment_id: Id,
    pub name: String,
    pub days: u32,
}

impl Command for GetAttendance {
    const NAME: &'static str = "programme_attendance";
    type Response = Attendance;
}

/// Credits a day's shift: every volunteer on the programme's rota that day gets the
/// programme's opening hours in the time bank, once (a second call credits no one twice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditProgrammeShift {
    pub programme_id: Id,
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftCredit {
    pub date: String,
    /// the entries written now (pending verification, as every credited hour)
    pub credited: Vec<HourEntry>,
    /// volunteers already credited for the day, by name
    pub already: Vec<String>,
}

impl Command for CreditProgrammeShift {
    const NAME: &'static str = "credit_programme_shift";
    type Response = ShiftCredit;
}

/// The programmes' figures of one month: `linli report programmes` and the monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeFigures {
    pub month: String,
    pub place_id: Option<Id>,
    /// programmes meeting in the month
    pub programmes: u32,
    /// children enrolled at the month's end (today for this month)
    pub enrolled: u32,
    /// enrolled in the month
    pub new_enrolments: u32,
    /// waiting at the month's end
    pub waiting: u32,
    /// child-days signed in during the month
    pub attendance_days: u32,
    /// child-days signed in and never signed out
    pub not_collected: u32,
    /// volunteer hours credited from the rota for the month's shifts (not reversed or rejected)
    pub volunteer_hours: f64,
    pub shifts: u32,
    /// enrolled children by programme kind (codes of `ProgrammeKind`)
    pub by_kind: Vec<CountBy>,
}

/// The figures of one month (`YYYY-MM`, this month when empty) for the communities under a
/// place (every one when none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammesReport {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for ProgrammesReport {
    const NAME: &'static str = "programmes_report";
    type Response = ProgrammeFigures;
}

/// Writes a programme's roster and waiting list (.xlsx, guardians' phones masked, children
/// withheld without the grant) to `path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgramme {
    pub programme_id: Id,
    pub path: String,
}

impl Command for ExportProgramme {
    const NAME: &'static str = "export_programme";
    type Response = crate::ExportedList;
}
