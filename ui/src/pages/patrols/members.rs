//! A member's form: a resident found in the register (name, pinyin or address), or an outside
//! person (the community police officer, a compound guard) with a name and phone; and a role.

use linli_domain::patrols::MemberRole;
use linli_domain::Id;
use linli_protocol::{ApiError, HitKind, SavePatrolMember, Search, SearchHit};
use yew::prelude::*;

use crate::components::fields::{choice, input, options};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct MemberFormProps {
    pub team: Id,
    pub on_done: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component(MemberForm)]
pub fn member_form(p: &MemberFormProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let from = use_state(|| "outside".to_owned());
    let role = use_state(|| MemberRole::Volunteer.code().to_owned());
    let name = use_state(String::new);
    let phone = use_state(String::new);
    let query = use_state(String::new);
    let hits = use_state(Vec::<SearchHit>::new);
    let chosen = use_state(|| None as Option<SearchHit>);
    let error = use_state(|| None as Option<ApiError>);
    {
        let hits = hits.clone();
        use_effect_with((*query).clone(), move |q| {
            let q = q.trim().to_owned();
            wasm_bindgen_futures::spawn_local(async move {
                if q.is_empty() {
                    hits.set(Vec::new());
                    return;
                }
                let found = ipc::call(&Search { query: q, limit: 8 })
                    .await
                    .unwrap_or_default();
                hits.set(
                    found
                        .into_iter()
                        .filter(|h| h.kind == HitKind::Resident)
                        .collect(),
                );
            });
        });
    }
    let text = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let save = {
        let (from, role, name, phone, chosen, error) = (
            from.clone(),
            role.clone(),
            name.clone(),
            phone.clone(),
            chosen.clone(),
            error.clone(),
        );
        let (team, on_done) = (p.team, p.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            let resident = (from.as_str() == "register").then(|| chosen.as_ref().map(|h| h.id));
            let req = SavePatrolMember {
                id: None,
                team_id: team,
                resident_id: resident.flatten(),
                name: if resident.is_some() {
                    String::new()
                } else {
                    (*name).clone()
                },
                phone: if resident.is_some() {
                    String::new()
                } else {
                    (*phone).clone()
                },
                role: MemberRole::read(&role),
            };
            let (error, on_done) = (error.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => on_done.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let froms = vec![
        ("outside".to_owned(), g.from_outside.to_owned()),
        ("register".to_owned(), g.from_register.to_owned()),
    ];
    let roles = options(None, MemberRole::ALL, MemberRole::code, g.role_label);
    let who = if from.as_str() == "register" {
        html! {
            <div class="field-wide">
                {input("patrol-member-search", g.find_resident, &query, "search", text(&query))}
                if let Some(h) = &*chosen {
                    <p id="patrol-member-chosen">{format!("{}：{} {}", g.chosen, h.name, h.address)}</p>
                }
                <ul class="hits">
                { for hits.iter().map(|h| {
                    let pick = { let (chosen, h) = (chosen.clone(), h.clone()); Callback::from(move |_: MouseEvent| chosen.set(Some(h.clone()))) };
                    html! { <li><button class="link" id={format!("patrol-hit-{}", h.id)} onclick={pick}>{format!("{} {}", h.name, h.address)}</button></li> }
                }) }
                </ul>
            </div>
        }
    } else {
        html! {
            <>
                {input("patrol-member-name", g.name, &name, "text", text(&name))}
                {input("patrol-member-phone", g.phone, &phone, "tel", text(&phone))}
            </>
        }
    };
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="panel" id="patrol-member-form">
            <div class="form-row">
                {choice("patrol-member-from", g.member_from, &from, &froms, text(&from))}
                {choice("patrol-member-role", g.role, &role, &roles, text(&role))}
                {who}
            </div>
            { error.as_ref().map(|e| error_line(e, "patrol-member-error")).unwrap_or_default() }
            <div class="form-row">
                <button class="btn btn-primary" id="patrol-member-save" onclick={save}>{g.save}</button>
                <button class="btn" onclick={cancel}>{g.cancel}</button>
            </div>
        </div>
    }
}
