package org.leakguard.platform.linux;

/** Whether NetworkManager runs, as far as nmcli could tell. */
enum NetworkManagerStatus {
    RUNNING,
    STOPPED,
    /**
     * nmcli answers, but none of the devices its connections use is an interface here: it reached
     * the NetworkManager of another network namespace (a container or sandbox sharing /run).
     */
    ELSEWHERE,
    /** Not asked: no NetworkManager configuration, an offline image, or nothing that needed it. */
    NOT_CHECKED
}
