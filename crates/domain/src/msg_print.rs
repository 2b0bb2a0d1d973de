//! The message catalogue, one section: PDFs made by linli-print (issue 21).

use super::Msg;

catalogue! {
    PDF_FONT_MISSING = "pdf_font_missing" {
        zh: "找不到可用于PDF的中文字体（已查找：{tried}）。Debian 请安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）；Windows 应自带微软雅黑 msyh.ttc；也可用环境变量 LINLI_PDF_FONT 指定字体文件",
        en: "No Chinese font for the PDF was found (looked for: {tried}). On Debian install fonts-noto-cjk (sudo apt-get install fonts-noto-cjk); Windows has Microsoft YaHei (msyh.ttc); or name a font file in the LINLI_PDF_FONT variable",
    }
    PDF_FONT_UNREADABLE = "pdf_font_unreadable" {
        zh: "字体文件 {path} 不能用于PDF（{reason}）；请用 LINLI_PDF_FONT 指定另一个中文字体文件（.ttf、.otf 或 .ttc）",
        en: "The font file {path} cannot be used for the PDF ({reason}); name another Chinese font file (.ttf, .otf or .ttc) in LINLI_PDF_FONT",
    }
    PDF_FAILED = "pdf_failed" {
        zh: "PDF没有生成（{reason}）",
        en: "The PDF was not made ({reason})",
    }
    PDF_WRITE = "pdf_write" {
        zh: "无法写入 {path}（{reason}）；请换一个文件夹或文件名，或先关闭已打开的同名文件",
        en: "Cannot write {path} ({reason}); choose another folder or name, or close the file of that name if it is open",
    }
    PDF_NOT_PDF = "pdf_not_pdf" {
        zh: "PDF文件名应以 .pdf 结尾：{path}",
        en: "A PDF's file name should end in .pdf: {path}",
    }
}
