//! A share of one core for a node (`--node-cpu-percent`), through the Linux cgroup v1 `cpu`
//! controller. With it, one node and two nodes can be compared as one and two equal machines
//! would be, on a machine whose two cores are already split between server and load.

use std::{fs, path::PathBuf};

const CPU_CONTROLLER: &str = "/sys/fs/cgroup/cpu";
/// The scheduler's accounting period; the quota is a share of it. Short, so that a node out of
/// quota stalls for a few milliseconds rather than most of 100 ms (the default period).
const PERIOD_US: u64 = 10_000;

/// A cgroup holding one process; removed when dropped (after the process has ended).
pub struct CpuQuota {
    group: PathBuf,
}

impl CpuQuota {
    /// Limits process `pid` (all its threads, also those it starts later) to `percent` of one
    /// core.
    pub fn limit(pid: u32, percent: u64) -> Result<Self, String> {
        let group = PathBuf::from(CPU_CONTROLLER).join(format!("parley-bench-{pid}"));
        fs::create_dir(&group)
            .map_err(|e| format!("cannot create the cgroup {}: {e}", group.display()))?;
        let quota = Self { group };
        quota.write("cpu.cfs_period_us", PERIOD_US)?;
        quota.write("cpu.cfs_quota_us", PERIOD_US * percent / 100)?;
        // cgroup.procs moves the whole process, not only its first thread.
        quota.write("cgroup.procs", u64::from(pid))?;
        Ok(quota)
    }

    fn write(&self, file: &str, value: u64) -> Result<(), String> {
        let path = self.group.join(file);
        fs::write(&path, value.to_string()).map_err(|e| {
            format!(
                "cannot write {}: {e} (--node-cpu-percent needs root and cgroup v1's cpu \
                 controller at {CPU_CONTROLLER})",
                path.display()
            )
        })
    }
}

impl Drop for CpuQuota {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.group);
    }
}
