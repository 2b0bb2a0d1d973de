//! The crate's one error type. Messages are in Chinese and say what to do next, because a grid
//! worker reads them.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("无法读写文件「{}」：{source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("不支持的文件类型「{0}」，请另存为 .xlsx、.xls 或 .csv 后再导入")]
    UnsupportedFormat(String),
    #[error("文件「{}」无法作为Excel表格打开（{message}），请用Excel或WPS另存为 .xlsx 后再试", path.display())]
    Excel { path: PathBuf, message: String },
    #[error("文件中没有名为「{0}」的工作表")]
    SheetNotFound(String),
    #[error("文件「{0}」里没有可导入的工作表：没有找到姓名、身份证号等表头")]
    NoData(String),
    #[error(
        "文件「{0}」不是地点名单：没有找到县（区）、乡镇（街道）、社区、小区、楼栋、单元这些表头"
    )]
    NoPlaces(String),
    #[error("文件「{file}」不是{list}：没有找到这些表头：{headers}")]
    NotList {
        file: String,
        list: String,
        headers: String,
    },
    #[error("表头映射文件格式有误：{0}")]
    Mapping(#[source] serde_json::Error),
    #[error("生成Excel表格失败：{0}")]
    Xlsx(String),
    #[error("写入表格「{}」失败：{message}", path.display())]
    Write { path: PathBuf, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
