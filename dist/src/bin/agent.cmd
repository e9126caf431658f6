@echo off
rem leakguard agent launcher for Windows.
rem
rem Java: %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java.exe on PATH (17 or later).
rem Arguments are passed to the agent untouched; the exit code is the agent's own.
rem
rem Environment:
rem   LEAKGUARD_CDS=off      start without the class data sharing archive (lib\agent.jsa)
rem   LEAKGUARD_JAVA_OPTS    extra JVM options, appended after the defaults below
setlocal

rem The install folder, following a symbolic link to this file (mklink) one level.
set "SELF=%~f0"
set "ATTR=%~a0"
set "LINK="
if /i "%ATTR:~8,1%"=="l" (
    for /f "tokens=2 delims=[]" %%T in ('dir /al "%~f0" 2^>nul ^| findstr /c:"<SYMLINK>"') do set "LINK=%%T"
)
if defined LINK (
    if "%LINK:~1,1%"==":" (
        set "SELF=%LINK%"
    ) else if "%LINK:~0,2%"=="\\" (
        set "SELF=%LINK%"
    ) else (
        set "SELF=%~dp0%LINK%"
    )
)
for %%I in ("%SELF%") do set "BIN=%%~dpI"
for %%I in ("%BIN%..") do set "APP=%%~fI"

if defined JAVA_HOME (
    set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
    set "JAVA=java.exe"
)
rem The paths are quoted in the message: a closing parenthesis in them, as in "Program Files (x86)",
rem would otherwise end the block below and stop the script with a syntax error.
if defined JAVA_HOME if not exist "%JAVA%" (
    echo agent: JAVA_HOME is "%JAVA_HOME%" but "%JAVA%" does not exist; set JAVA_HOME to a Java 17+ installation or unset it to use java on PATH 1>&2
    exit /b 1
)
if not defined JAVA_HOME (
    where /q java.exe || (
        echo agent: no java on PATH and JAVA_HOME is not set; install Java 17+ or set JAVA_HOME 1>&2
        exit /b 1
    )
)

set CDS=
if /i not "%LEAKGUARD_CDS%"=="off" if exist "%APP%\lib\agent.jsa" set CDS="-XX:SharedArchiveFile=%APP%\lib\agent.jsa"

rem JVM messages (a CDS archive that does not match included) go to stderr, never to stdout,
rem which carries the agent's reports. leakguard.launcher: the agent's timers call it back.
"%JAVA%" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr %CDS% %LEAKGUARD_JAVA_OPTS% "-Dleakguard.launcher=%APP%\bin\agent.cmd" -cp "@windows.classpath@" org.leakguard.agent.cli.Main %*
exit /b %ERRORLEVEL%
