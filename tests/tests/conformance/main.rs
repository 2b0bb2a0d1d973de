//! The conformance suite every `ServerDb` passes (issue 5): push, pull, idempotency, scope,
//! refusals, the overdraft mark, accounts and devices, migrations, concurrent pushes (one gapless
//! sequence, and a pull following them never misses one), counties that see nothing of each
//! other, and attachment blobs. Each test is written once,
//! generic over the backend, and run against SQLite always and against PostgreSQL when
//! `LINLI_TEST_PG` is set (`cargo xtask test` starts a throwaway cluster and sets it). The
//! PostgreSQL-only tests stop and restart that cluster under load.
//!
//! mod list:
//! - `support`: devices, changes and pushes in a few words
//! - `suite`: the generic tests
//! - `hostile`: what one device speaking the protocol by hand must not be able to do
//! - `outage`: PostgreSQL going away and coming back, under load over HTTP
//! - `laptop`: a real laptop file syncing through a `ServerDb`, searched for erased values
//! - `erasure`: erasing a resident and purging those who moved out, on the server and laptops
//! - `accounts`: disabled users, revoked and idle tokens, the audit log; PostgreSQL over TLS
//! - `server`: the server's own HTTP face on SQLite — the sign-in guard and bad input

mod accounts;
mod erasure;
mod hostile;
mod laptop;
mod outage;
mod server;
mod suite;
mod support;

/// Every generic test, whichever file holds it.
mod run {
    pub use crate::conformance::erasure::*;
    pub use crate::conformance::hostile::*;
    pub use crate::conformance::suite::*;
}

/// The PostgreSQL tests share one cluster; the outage tests stop it, so they run alone.
pub static CLUSTER: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// Runs each named test of `suite` against both backends.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    use linli_tests::backends::{SqliteTest, TestDb};
                    let Some(t) = SqliteTest::fresh().await else {
                        linli_tests::pg::skipped(stringify!($name));
                        return;
                    };
                    crate::conformance::run::$name(&t).await;
                    t.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    use linli_tests::backends::{PgTest, TestDb};
                    let _shared = crate::conformance::CLUSTER.read().await;
                    let Some(t) = PgTest::fresh().await else {
                        linli_tests::pg::skipped(stringify!($name));
                        return;
                    };
                    crate::conformance::run::$name(&t).await;
                    t.cleanup().await;
                }
            )*
        }
    };
}

conformance!(
    a_push_is_stamped_in_order_and_pulled_by_others,
    a_retried_batch_changes_nothing,
    fields_merge_last_writer_wins_by_hlc_then_device,
    pull_pages_follow_the_cursor,
    scope_filters_pulls_and_refuses_pushes_outside_grants,
    places_pushed_in_a_batch_scope_the_changes_after_them,
    malformed_changes_are_refused_one_by_one,
    a_fact_is_recorded_once,
    a_fact_sent_again_unchanged_is_accepted_and_counted_once,
    an_overdraft_is_kept_and_marked_for_review,
    accounts_grants_and_devices,
    migrations_reopen_refuse_newer_and_foreign,
    concurrent_pushes_get_one_gapless_sequence,
    a_pull_during_concurrent_pushes_never_misses_a_change,
    two_counties_on_one_server_see_nothing_of_each_other,
    blobs_are_kept_once_and_handed_out_within_scope,
    a_value_no_laptop_can_store_is_refused_naming_table_and_field,
    a_clock_from_the_future_is_refused,
    a_device_of_another_user_is_not_taken_over,
    a_sequence_retried_with_another_change_is_a_conflict,
    places_move_only_within_sight,
    the_server_decides_what_is_a_fact,
    county_wide_sight_is_explicit,
    accounts_disable_revoke_expire_and_audit,
    community_settings_sync_like_any_entity,
    a_reveal_is_stamped_by_the_server_with_who_pushed_it_and_when,
    place_details_sync_like_any_entity,
    an_erased_resident_leaves_no_trace_on_the_server_or_any_laptop,
    a_purge_erases_exactly_those_who_moved_out_before_the_day,
    each_role_pulls_only_the_fields_it_may_read,
    withheld_changes_never_stall_a_pull,
);

/// PostgreSQL over TLS and its append-only audit table (issue 17).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_over_tls_and_an_append_only_audit() {
    let _shared = CLUSTER.read().await;
    let made = tokio::task::spawn_blocking(linli_tests::pg::fresh_database_url);
    let Some(url) = made.await.unwrap() else {
        linli_tests::pg::skipped("postgres_over_tls_and_an_append_only_audit");
        return;
    };
    // the URL comes with the TLS parameters when the cluster serves TLS; the test adds its own
    let plain = url.split('?').next().unwrap_or(&url).to_owned();
    accounts::postgres_over_tls_and_an_append_only_audit(&plain).await;
}
