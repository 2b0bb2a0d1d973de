//! What the volunteers page loads for a community, in one go.

use linli_domain::Id;
use linli_protocol::{
    Activity, ApiError, CatalogueItem, HourEntry, ListActivities, ListCatalogue, ListHours,
    ListTeams, ListVolunteers, Team, Volunteer, WorkUnitPoints, WorkUnitPointsQuery,
};

use crate::ipc;

#[derive(Clone, PartialEq, Default)]
pub(super) struct Data {
    pub volunteers: Vec<Volunteer>,
    pub activities: Vec<Activity>,
    pub catalogue: Vec<CatalogueItem>,
    pub pending: Vec<HourEntry>,
    pub work_units: Vec<WorkUnitPoints>,
    pub teams: Vec<Team>,
}

pub(super) async fn load(community: Id) -> Result<Data, ApiError> {
    Ok(Data {
        volunteers: ipc::call(&ListVolunteers {
            community_id: community,
        })
        .await?,
        activities: ipc::call(&ListActivities {
            community_id: community,
            from: None,
            to: None,
        })
        .await?,
        catalogue: ipc::call(&ListCatalogue {
            community_id: community,
        })
        .await?,
        pending: ipc::call(&ListHours {
            community_id: Some(community),
            volunteer_id: None,
            pending_only: true,
        })
        .await?,
        work_units: ipc::call(&WorkUnitPointsQuery {
            community_id: Some(community),
        })
        .await?,
        teams: ipc::call(&ListTeams {
            community_id: community,
        })
        .await?,
    })
}
