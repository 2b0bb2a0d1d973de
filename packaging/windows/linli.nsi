; 邻里 Linli — the Windows installer (issue 22). Compiled offline by Debian's makensis from
; `cargo xtask package` (xtask/src/package_windows.rs), which passes:
;   /DVERSION=0.1.0         the workspace version
;   /DBINDIR=…              the cross build's release folder: linli-desktop.exe, linli.exe,
;                           WebView2Loader.dll
;   /DOUTFILE=…             target/package/linli-setup-<version>-x86_64.exe
;   /DICON=…                src-tauri/icons/icon.ico
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs\Linli, the
; Start-menu entry and the uninstall entry (Apps & features) are the user's own. The data the
; program writes (%APPDATA%\linli: the encrypted database, its key file and attachments; and
; WebView2's cache in %LOCALAPPDATA%\org.linli.workbook) stays when uninstalling unless the user
; ticks the box on the uninstaller's page (or passes /REMOVEDATA to a silent uninstall).
; Simplified Chinese first (the default when Windows speaks neither language), English too.

Unicode true
; a 64-bit installer for the 64-bit program (Debian's nsis has the amd64 stubs); it also runs
; under wine64 alone, which `cargo xtask package` uses to install and uninstall it
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass /DVERSION=x.y.z"
!endif
!ifndef BINDIR
  !error "pass /DBINDIR=the folder of the release .exe files"
!endif
!ifndef OUTFILE
  !define OUTFILE "linli-setup-${VERSION}-x86_64.exe"
!endif

!define APPKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Linli"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://developer.microsoft.com/microsoft-edge/webview2/"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "nsDialogs.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "$(AppName)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Linli"
InstallDirRegKey HKCU "Software\Linli" "InstallDir"
BrandingText "Linli ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Linli"
VIAddVersionKey /LANG=0 "FileDescription" "Linli ${VERSION} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Linli contributors (MIT OR Apache-2.0)"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\linli-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; the first language is the default
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString AppName ${LANG_SIMPCHINESE} "邻里 Linli"
LangString AppName ${LANG_ENGLISH} "Linli (邻里)"
LangString RunNow ${LANG_SIMPCHINESE} "现在打开邻里"
LangString RunNow ${LANG_ENGLISH} "Open Linli now"
LangString Needs64 ${LANG_SIMPCHINESE} "邻里需要 64 位的 Windows 10 或 11。"
LangString Needs64 ${LANG_ENGLISH} "Linli needs 64-bit Windows 10 or 11."
LangString NoWebView2 ${LANG_SIMPCHINESE} "这台电脑没有安装 Microsoft Edge WebView2 运行时，邻里的窗口需要它才能显示。$\r$\n$\r$\nWindows 11 自带；Windows 10 请从 ${WEBVIEW2_URL} 下载“常青版引导程序”或“独立安装程序”（可先在有网络的电脑上下载，再用U盘拷过来），安装后再打开邻里。$\r$\n$\r$\n仍然继续安装吗？"
LangString NoWebView2 ${LANG_ENGLISH} "The Microsoft Edge WebView2 Runtime is not installed on this computer; Linli's window needs it.$\r$\n$\r$\nWindows 11 has it; on Windows 10 get the Evergreen Bootstrapper or Standalone Installer from ${WEBVIEW2_URL} (download it on a computer with internet access and bring it on a USB stick if need be), install it, then open Linli.$\r$\n$\r$\nInstall Linli anyway?"
LangString ShortcutName ${LANG_SIMPCHINESE} "邻里 Linli"
LangString ShortcutName ${LANG_ENGLISH} "Linli"
LangString DataTitle ${LANG_SIMPCHINESE} "本机数据"
LangString DataTitle ${LANG_ENGLISH} "Data on this computer"
LangString DataSubtitle ${LANG_SIMPCHINESE} "卸载程序默认保留数据。"
LangString DataSubtitle ${LANG_ENGLISH} "Uninstalling keeps the data unless you ask."
LangString DataText ${LANG_SIMPCHINESE} "邻里的数据库（已加密）、附件和备份设置保存在：$\r$\n$APPDATA\linli$\r$\n$\r$\n默认保留这些数据，重新安装后可继续使用。尚未同步到服务器的修改只保存在这里。"
LangString DataText ${LANG_ENGLISH} "Linli's database (encrypted), attachments and backup settings are in:$\r$\n$APPDATA\linli$\r$\n$\r$\nThey are kept by default, so a reinstall carries on. Changes not yet synced to the server exist only here."
LangString DataBox ${LANG_SIMPCHINESE} "同时删除本机数据（无法恢复）"
LangString DataBox ${LANG_ENGLISH} "Also delete the data on this computer (cannot be undone)"
LangString DataSure ${LANG_SIMPCHINESE} "确定删除 $APPDATA\linli 中的全部数据吗？未同步的修改将会丢失。"
LangString DataSure ${LANG_ENGLISH} "Delete everything in $APPDATA\linli? Changes not yet synced will be lost."

Var RemoveData
Var DataCheckbox

; Is the WebView2 runtime present? Its "pv" value (a version, not empty, not 0.0.0.0) under
; EdgeUpdate's client key, per machine (32-bit view on 64-bit Windows, and the 64-bit view) or
; per user. Windows 11 and current Windows 10 with Edge have it per machine.
Function HasWebView2
  Push $0
  SetRegView 32
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  SetRegView lastused
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  Exch $0
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Needs64)" /SD IDOK
    Abort
  ${EndIf}
  Call HasWebView2
  Pop $0
  ${If} $0 == ""
    ; a silent install (/S) goes on: whoever deploys it installs the runtime separately
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(NoWebView2)" /SD IDYES IDYES +2
    Abort
  ${EndIf}
FunctionEnd

Section "Linli" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${BINDIR}\linli-desktop.exe"
  File "${BINDIR}\linli.exe"
  ; the WebView2 loader the desktop links, beside it
  File "${BINDIR}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\linli-desktop.exe" "" "$INSTDIR\linli-desktop.exe" 0

  WriteRegStr HKCU "Software\Linli" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\Linli" "Shortcut" "$SMPROGRAMS\$(ShortcutName).lnk"
  WriteRegStr HKCU "${APPKEY}" "DisplayName" "$(AppName)"
  WriteRegStr HKCU "${APPKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${APPKEY}" "Publisher" "Linli"
  WriteRegStr HKCU "${APPKEY}" "DisplayIcon" "$INSTDIR\linli-desktop.exe"
  WriteRegStr HKCU "${APPKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${APPKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${APPKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${APPKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${APPKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${APPKEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  StrCpy $RemoveData 0
  ; a silent uninstall keeps the data unless /REMOVEDATA is on its command line
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    StrCpy $RemoveData 1
  ${EndIf}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 60% "$(DataText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 65% 100% 12u "$(DataBox)"
  Pop $DataCheckbox
  ${If} $RemoveData == 1
    ${NSD_Check} $DataCheckbox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataCheckbox $0
  ${If} $0 == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(DataSure)" IDYES +2
    Abort
    StrCpy $RemoveData 1
  ${Else}
    StrCpy $RemoveData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  ReadRegStr $0 HKCU "Software\Linli" "Shortcut"
  ${If} $0 != ""
    Delete "$0"
  ${EndIf}
  Delete "$SMPROGRAMS\$(ShortcutName).lnk"
  Delete "$INSTDIR\linli-desktop.exe"
  Delete "$INSTDIR\linli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${APPKEY}"
  DeleteRegKey HKCU "Software\Linli"
  ${If} $RemoveData == 1
    RMDir /r "$APPDATA\linli"
    RMDir /r "$LOCALAPPDATA\org.linli.workbook"
  ${EndIf}
SectionEnd
