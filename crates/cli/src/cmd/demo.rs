use clap::Args;
use linli_store::demo::{generate, DemoOptions};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct Demo {
    /// How many households to generate (the default is the town of the county reports)
    #[arg(long, default_value_t = DemoOptions::default().households)]
    households: u32,
    /// The seed: the same seed gives the same community
    #[arg(long, default_value_t = DemoOptions::default().seed)]
    seed: u64,
}

pub fn run(store: &mut Store, args: Demo) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let s = generate(
        store,
        DemoOptions {
            households: args.households,
            seed: args.seed,
        },
    )?;
    println!(
        "已生成示范数据（{:.1} 秒）：{} 个社区、{} 个小区、{} 栋楼、{} 个单元；{} 户、{} 人；{} 个大网格、{} 个楼段；{} 名网格员，工作人员共 {} 人；近30天走访 {} 次、事项 {} 件；志愿者 {} 人、服务队 {} 支、活动 {} 场、服务时长记录 {} 条、积分兑换 {} 笔；米邻驿站物品 {} 种 {} 件、借出 {} 次、预约 {} 个；人民调解案件 {} 件（当事人 {} 人次，已结案 {} 件）。写入 {}",
        started.elapsed().as_secs_f64(),
        s.communities,
        s.compounds,
        s.buildings,
        s.units,
        s.households,
        s.residents,
        s.big_grids,
        s.sections,
        s.grid_workers,
        s.people,
        s.visits,
        s.tasks,
        s.time_bank.volunteers,
        s.time_bank.teams,
        s.time_bank.activities,
        s.time_bank.hour_entries,
        s.time_bank.redemptions,
        s.lending.kinds,
        s.lending.copies,
        s.lending.loans,
        s.lending.holds,
        s.mediation.cases,
        s.mediation.parties,
        s.mediation.closed,
        store
            .path()
            .map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    );
    Ok(())
}
