//! Choosing who works at this laptop: a community, then a person of its staff (by name, pinyin,
//! role and grid), saved with `SetMe`. Used by 设置 and by the welcome on first start.

use linli_domain::Id;
use linli_protocol::{ListPeople, Me, Person, SetMe};
use yew::prelude::*;

use super::state::{Action, Chooser};
use crate::components::staff_picker::StaffPicker;
use crate::components::toast::Toast;
use crate::hooks::{use_command, use_me, use_texts};
use crate::ipc;
use crate::pages::field::CommunityPicker;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called with the new me once saved.
    #[prop_or_default]
    pub on_saved: Callback<Me>,
}

#[function_component(MeChooser)]
pub fn me_chooser(props: &Props) -> Html {
    let t = use_texts();
    let me = use_me();
    let chooser = use_reducer(|| Chooser {
        community: me
            .me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id),
        person: me.person_id(),
    });
    let people = use_state(|| None as Option<Vec<Person>>);
    let save = use_command::<SetMe>();
    let said = use_state(|| None as Option<String>);
    {
        let (people, chooser) = (people.clone(), chooser.clone());
        use_effect_with(chooser.community, move |c| {
            if let Some(c) = *c {
                wasm_bindgen_futures::spawn_local(async move {
                    let list = ipc::call(&ListPeople { community_id: c })
                        .await
                        .unwrap_or_default();
                    chooser.dispatch(Action::People {
                        ids: list.iter().map(|p| p.id).collect(),
                        first: list.first().map(|p| p.id),
                    });
                    people.set(Some(list));
                });
            }
        });
    }
    let on_community = {
        let (chooser, said) = (chooser.clone(), said.clone());
        Callback::from(move |c: Option<Id>| {
            said.set(None);
            chooser.dispatch(Action::Community(c))
        })
    };
    let on_person = {
        let (chooser, said) = (chooser.clone(), said.clone());
        Callback::from(move |p: Option<Id>| {
            said.set(None);
            chooser.dispatch(Action::Person(p))
        })
    };
    let on_save = {
        let (save, me, said, on_saved) = (
            save.clone(),
            me.clone(),
            said.clone(),
            props.on_saved.clone(),
        );
        let person = chooser.person;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(p) = person else {
                return;
            };
            let (me, said, on_saved) = (me.clone(), said.clone(), on_saved.clone());
            save.submit(SetMe { person_id: Some(p) }, move |answer: Me| {
                let name = answer
                    .person
                    .as_ref()
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                said.set(Some((t.work.me_saved)(&name)));
                me.set(answer.clone());
                on_saved.emit(answer);
            });
        })
    };
    let list = (*people).clone().unwrap_or_default();
    html! {
        <form class="form-row me-chooser" id="me-chooser" onsubmit={on_save} novalidate=true>
            <CommunityPicker value={chooser.community} onchange={on_community} />
            if people.is_some() && list.is_empty() {
                <p class="empty" id="me-no-people">{t.work.no_people}</p>
            } else {
                <StaffPicker id="me-person" label={t.work.me_pick} people={list}
                    value={chooser.person} onchange={on_person} />
            }
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="me-save"
                    disabled={save.busy() || chooser.person.is_none()}>
                    { if save.busy() { t.saving } else { t.save } }
                </button>
                if let Some(m) = &*said {
                    <Toast id="me-notice" text={m.clone()} />
                }
                if let Some(e) = save.error() {
                    <span class="field-error" id="me-error" role="alert">{crate::i18n::say(e)}</span>
                }
            </div>
        </form>
    }
}
