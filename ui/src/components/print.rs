//! Printing (issue 21 item 5): every list and report prints through the window's own print view
//! on A4, with its table headers repeated and "第 k / n 页" on every page. WebKitGTK has no
//! `@page` margin boxes (no counters in a page's margin), so [`PrintButton`] lays the page out
//! on sheets itself before it opens the print dialog: the page's content is copied, with the
//! stylesheet's print rules switched on, into `#print-pages` (outside the app) one piece at a
//! time onto A4-sized `.print-page`s, measured as it goes; a table that does not fit is split
//! between its rows, each part under a copy of its header; an element the print rules keep
//! whole (`break-inside: avoid`) or that cannot be split moves whole to the next page; an
//! element that asks for a page break after it gets one. Then every page's foot gets the mark
//! of issue 16 and its number. The print CSS (end of style.css) prints only `#print-pages`
//! while it is there.
//!
//! Pages that lay out their own sheets (the visit sheets) print unpaged.

use wasm_bindgen::JsCast;
use web_sys::{CssMediaRule, CssStyleSheet, Document, Element, Node};
use yew::prelude::*;

use crate::components::print_mark::{use_mark, Mark};
use crate::hooks::use_app;
use crate::i18n::paper::{texts, PaperTexts};

/// The element the pages go into, and the class on `<body>` while they stand.
pub const PAGES_ID: &str = "print-pages";
const PAGED: &str = "print-paged";
/// What is laid out: the page's main area.
const CONTENT: &str = "main.content";
/// Containers that may be split between pages (anything else moves whole).
const SPLITTABLE: [&str; 14] = [
    "MAIN", "SECTION", "ARTICLE", "DIV", "TABLE", "TBODY", "UL", "OL", "FORM", "FIELDSET",
    "HEADER", "FOOTER", "ASIDE", "NAV",
];
/// A table's parts that head every page it is split over.
const TABLE_HEAD: [&str; 3] = ["CAPTION", "COLGROUP", "THEAD"];

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// The button's words (打印 when none).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The button's classes (a small button when none).
    #[prop_or_else(|| classes!("btn", "btn-small"))]
    pub class: Classes,
    /// Lay the page out on numbered sheets; false for a page that lays out its own.
    #[prop_or(true)]
    pub paged: bool,
}

/// 打印: the page as it stands on numbered A4 sheets, then the window's print dialog.
#[function_component(PrintButton)]
pub fn print_button(props: &PrintProps) -> Html {
    let p = texts(use_app().lang);
    let mark = use_mark();
    let paged = props.paged;
    let onclick = Callback::from(move |_: MouseEvent| print(p, &mark, paged));
    let class = classes!(props.class.clone(), "print-button", "no-print");
    html! {
        <button type="button" {class} id={props.id.clone()} title={p.print_hint} {onclick}>
            {props.label.clone().unwrap_or(AttrValue::Static(p.print))}
        </button>
    }
}

/// Lays the page out (when `paged`) and opens the print dialog.
pub fn print(p: &'static PaperTexts, mark: &Mark, paged: bool) {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    clear(&doc);
    if paged {
        lay_out(&doc, p, &mark.now());
    }
    let _ = w.print();
}

/// Takes down the pages of an earlier print.
fn clear(doc: &Document) {
    if let Some(old) = doc.get_element_by_id(PAGES_ID) {
        old.remove();
    }
    if let Some(body) = doc.body() {
        let _ = body.class_list().remove_1(PAGED);
    }
}

/// Switches the stylesheets' `@media print` rules on for the screen too (the pages are measured
/// as they will print); answers them, to be switched back.
fn print_rules_on(doc: &Document) -> Vec<CssMediaRule> {
    let mut out = Vec::new();
    let sheets = doc.style_sheets();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(i)
            .and_then(|s| s.dyn_into::<CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for j in 0..rules.length() {
            if let Some(m) = rules
                .item(j)
                .and_then(|r| r.dyn_into::<CssMediaRule>().ok())
            {
                if m.media().media_text() == "print" {
                    m.media().set_media_text("all");
                    out.push(m);
                }
            }
        }
    }
    out
}

/// Lays `main.content` out on pages in `#print-pages`; answers how many.
pub fn lay_out(doc: &Document, p: &'static PaperTexts, mark: &str) -> usize {
    let (Some(body), Some(content)) = (doc.body(), doc.query_selector(CONTENT).ok().flatten())
    else {
        return 0;
    };
    let Ok(host) = doc.create_element("div") else {
        return 0;
    };
    host.set_id(PAGES_ID);
    let _ = body.append_child(&host);
    let switched = print_rules_on(doc);
    let mut pages = Pages {
        doc: doc.clone(),
        host: host.clone(),
        pages: Vec::new(),
        body: host.clone(),
        chain: Vec::new(),
        placed: false,
        break_due: false,
    };
    pages.new_page();
    pages.place(&content);
    for m in switched {
        m.media().set_media_text("print");
    }
    let n = pages.pages.len();
    for (k, page) in pages.pages.iter().enumerate() {
        let fill = |class: &str, text: &str| {
            if let Ok(Some(e)) = page.query_selector(class) {
                e.set_text_content(Some(text));
            }
        };
        fill(".print-foot-mark", mark);
        fill(".print-page-no", &(p.page_of)(k + 1, n));
    }
    let _ = body.class_list().add_1(PAGED);
    n
}

/// The pages as they are filled.
struct Pages {
    doc: Document,
    host: Element,
    pages: Vec<Element>,
    /// The current page's body, which overflows when it is full.
    body: Element,
    /// The containers being split: each one's original, its copy on the current page and how
    /// many of that copy's children are its head (a table's header).
    chain: Vec<(Element, Element, u32)>,
    /// Whether anything is on the current page yet.
    placed: bool,
    /// The last thing placed asked for a page break after it.
    break_due: bool,
}

impl Pages {
    fn element(&self, class: &str) -> Element {
        let e = self.doc.create_element("div").expect("a div");
        e.set_class_name(class);
        e
    }

    /// Starts a page, with copies of the containers being split (and their headers).
    fn new_page(&mut self) {
        // containers left empty on the page before (their content went over) are taken off
        for (_, copy, head) in self.chain.iter().rev() {
            if copy.child_element_count() <= *head {
                copy.remove();
            }
        }
        let page = self.element("print-page");
        let body = self.element("print-body");
        // the foot is there while the page fills (its words come when the pages are counted)
        let foot = self.element("print-foot");
        foot.set_inner_html(
            "<span class=\"print-foot-mark\">&nbsp;</span><span class=\"print-page-no\">&nbsp;</span>",
        );
        let _ = page.append_child(&body);
        let _ = page.append_child(&foot);
        let _ = self.host.append_child(&page);
        let mut parent = body.clone();
        for (original, copy, head) in &mut self.chain {
            let (shell, n) = shell(original);
            let _ = parent.append_child(&shell);
            *copy = shell.clone();
            *head = n;
            parent = shell;
        }
        self.pages.push(page);
        self.body = body;
        self.placed = false;
    }

    fn target(&self) -> Element {
        self.chain
            .last()
            .map_or_else(|| self.body.clone(), |c| c.1.clone())
    }

    fn fits(&self) -> bool {
        self.body.scroll_height() <= self.body.client_height() + 1
    }

    /// Places a node (a copy of it) on the current page, splitting it or starting a new page
    /// when it does not fit.
    fn place(&mut self, node: &Node) {
        let text = node.node_type() == Node::TEXT_NODE;
        if !text && node.node_type() != Node::ELEMENT_NODE
            || text && node.text_content().unwrap_or_default().trim().is_empty()
        {
            return;
        }
        if std::mem::take(&mut self.break_due) && self.placed {
            self.new_page();
        }
        let Ok(copy) = node.clone_node_with_deep(true) else {
            return;
        };
        let target = self.target();
        let _ = target.append_child(&copy);
        let style = copy
            .dyn_ref::<Element>()
            .and_then(|e| web_sys::window()?.get_computed_style(e).ok().flatten());
        let css = |name: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .unwrap_or_default()
        };
        if css("display") == "none" {
            let _ = target.remove_child(&copy);
            return;
        }
        let breaks_after = ["page", "always"].contains(&css("break-after").as_str())
            || css("page-break-after") == "always";
        if self.fits() {
            self.placed = true;
            self.break_due = breaks_after;
            return;
        }
        let _ = target.remove_child(&copy);
        // kept whole where the print rules say so, save a table (it splits under its header)
        let whole = css("break-inside").starts_with("avoid") || css("page-break-inside") == "avoid";
        match node.dyn_ref::<Element>() {
            Some(e)
                if SPLITTABLE.contains(&e.tag_name().as_str())
                    && (!whole || e.tag_name() == "TABLE") =>
            {
                let (copy, head) = shell(e);
                let _ = target.append_child(&copy);
                self.chain.push((e.clone(), copy, head));
                let children = e.child_nodes();
                for i in 0..children.length() {
                    let Some(child) = children.item(i) else {
                        continue;
                    };
                    let is_head =
                        e.tag_name() == "TABLE" && TABLE_HEAD.contains(&child.node_name().as_str());
                    if !is_head {
                        self.place(&child);
                    }
                }
                self.chain.pop();
            }
            _ => {
                if self.placed {
                    // a heading kept with what follows it goes over with it
                    let heading = self.orphan_heading();
                    self.new_page();
                    if let Some(h) = heading {
                        self.keep_before(&h);
                    }
                }
                // too tall for a page of its own: it is cut at the page's foot
                let _ = self.target().append_child(&copy);
                self.placed = true;
                self.break_due = breaks_after;
            }
        }
    }
}

impl Pages {
    /// The heading the print rules keep with what follows it (`break-after: avoid`) that is
    /// the last thing on the current page, taken off it; `None` when there is none, or when it
    /// is the first thing on the page (moving it would leave the page empty for ever).
    fn orphan_heading(&self) -> Option<(Element, bool)> {
        let target = self.target();
        let head = self.chain.last().map_or(0, |c| c.2);
        // in the container being filled, or just before it when it holds nothing yet
        let (candidate, before_shell) = if target.child_element_count() > head {
            (target.last_element_child()?, false)
        } else if self.chain.is_empty() {
            return None;
        } else {
            (target.previous_element_sibling()?, true)
        };
        let style = web_sys::window()?.get_computed_style(&candidate).ok()??;
        let after = style.get_property_value("break-after").unwrap_or_default();
        let legacy = style
            .get_property_value("page-break-after")
            .unwrap_or_default();
        if after != "avoid" && legacy != "avoid" {
            return None;
        }
        // something on the page comes before it
        let mut e = candidate.clone();
        loop {
            if e.previous_element_sibling().is_some() {
                break;
            }
            let parent = e.parent_element()?;
            if parent == self.body {
                return None;
            }
            e = parent;
        }
        candidate.remove();
        Some((candidate, before_shell))
    }

    /// Puts a heading taken off the page before onto the new one, where it stood: before the
    /// container being filled, or in it.
    fn keep_before(&mut self, (heading, before_shell): &(Element, bool)) {
        let target = self.target();
        match target.parent_node() {
            Some(parent) if *before_shell => {
                let _ = parent.insert_before(heading, Some(&target));
            }
            _ => {
                let _ = target.append_child(heading);
            }
        }
    }
}

/// A container's empty copy to fill on a page, with a table's header: the copy and how many
/// children it starts with.
fn shell(e: &Element) -> (Element, u32) {
    let copy: Element = e
        .clone_node()
        .ok()
        .and_then(|n| n.dyn_into().ok())
        .expect("a copy of an element");
    let mut head = 0;
    if e.tag_name() == "TABLE" {
        let children = e.children();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            if TABLE_HEAD.contains(&child.tag_name().as_str()) {
                if let Ok(c) = child.clone_node_with_deep(true) {
                    let _ = copy.append_child(&c);
                    head += 1;
                }
            }
        }
    }
    (copy, head)
}
