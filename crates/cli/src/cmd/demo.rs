use linli_store::Store;

use crate::Failure;

pub fn run(store: &mut Store) -> Result<(), Failure> {
    let summary = linli_store::demo::generate(store)?;
    println!(
        "已生成示范数据：{} 个地点，写入 {}",
        summary.places,
        store
            .path()
            .map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    );
    Ok(())
}
