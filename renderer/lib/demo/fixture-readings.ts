import type { ContainerSummary, DaemonSummary, DiskUsage, StorageReading } from '../../../shared/snapshot';

/*
 * What the core parsers (main/core/docker) make of the fixtures in main/core/docker/fixtures:
 * generated once by running the parsers on them, kept here in the HostSnapshot shapes so the
 * renderer's demo and tests never import main/. Regenerate if the parsers' output changes.
 */

/** devicemapper loop-lvm, pool 100 % full, 0 B available (moby/moby#26015). */
export const loopLvmFullStorage: StorageReading = {
  driver: 'devicemapper',
  status: [
    ['Pool Name', 'docker-8:3-373157-pool'],
    ['Pool Blocksize', '65.54 kB'],
    ['Base Device Size', '10.74 GB'],
    ['Backing Filesystem', 'ext4'],
    ['Data file', '/dev/loop0'],
    ['Metadata file', '/dev/loop1'],
    ['Data Space Used', '107.4 GB'],
    ['Data Space Total', '107.4 GB'],
    ['Data Space Available', '0 B'],
    ['Metadata Space Used', '119.8 MB'],
    ['Metadata Space Total', '2.147 GB'],
    ['Metadata Space Available', '2.028 GB'],
    ['Thin Pool Minimum Free Space', '10.74 GB'],
    ['Udev Sync Supported', 'true'],
    ['Deferred Removal Enabled', 'false'],
    ['Deferred Deletion Enabled', 'false'],
    ['Deferred Deleted Device Count', '0'],
    ['Data loop file', '/var/lib/docker/devicemapper/devicemapper/data'],
    ['Metadata loop file', '/var/lib/docker/devicemapper/devicemapper/metadata'],
    ['Library Version', '1.02.107-RHEL7 (2016-06-09)'],
  ],
  reading: {
    driver: 'devicemapper',
    pool: {
      poolName: 'docker-8:3-373157-pool',
      poolBlocksize: 65540,
      baseDeviceSize: 10740000000,
      backingFilesystem: 'ext4',
      dataFile: '/dev/loop0',
      metadataFile: '/dev/loop1',
      dataLoopFile: '/var/lib/docker/devicemapper/devicemapper/data',
      metadataLoopFile: '/var/lib/docker/devicemapper/devicemapper/metadata',
      loopLvm: true,
      dataUsed: 107400000000,
      dataTotal: 107400000000,
      dataAvailable: 0,
      metadataUsed: 119800000,
      metadataTotal: 2147000000,
      metadataAvailable: 2028000000,
      dataUsedFraction: 1,
      metadataUsedFraction: 0.05579878900791802,
      thinPoolMinimumFreeSpace: 10740000000,
      udevSyncSupported: true,
      deferredRemovalEnabled: false,
      deferredDeletionEnabled: false,
      deferredDeletedDeviceCount: 0,
      libraryVersion: '1.02.107-RHEL7 (2016-06-09)',
    },
  },
  pool: {
    poolName: 'docker-8:3-373157-pool',
    poolBlocksize: 65540,
    baseDeviceSize: 10740000000,
    backingFilesystem: 'ext4',
    dataFile: '/dev/loop0',
    metadataFile: '/dev/loop1',
    dataLoopFile: '/var/lib/docker/devicemapper/devicemapper/data',
    metadataLoopFile: '/var/lib/docker/devicemapper/devicemapper/metadata',
    loopLvm: true,
    dataUsed: 107400000000,
    dataTotal: 107400000000,
    dataAvailable: 0,
    metadataUsed: 119800000,
    metadataTotal: 2147000000,
    metadataAvailable: 2028000000,
    dataUsedFraction: 1,
    metadataUsedFraction: 0.05579878900791802,
    thinPoolMinimumFreeSpace: 10740000000,
    udevSyncSupported: true,
    deferredRemovalEnabled: false,
    deferredDeletionEnabled: false,
    deferredDeletedDeviceCount: 0,
    libraryVersion: '1.02.107-RHEL7 (2016-06-09)',
  },
  warnings: [
    {
      level: 'critical',
      code: 'POOL_DATA_HIGH',
      message:
        'Thin pool "docker-8:3-373157-pool" data space is 100 % used (107.4 GB of 107.4 GB). When it fills, containers fail with "no space left on device". Remove unused images and containers (docker system prune) and free space on the filesystem holding the loop files.',
    },
    {
      level: 'critical',
      code: 'POOL_BELOW_MIN_FREE_SPACE',
      message:
        'Thin pool "docker-8:3-373157-pool" has 0 B of data space available, below its minimum free space of 10.74 GB: the daemon refuses to create containers and pull images. Free space on the filesystem holding the loop files and remove unused images and containers (docker system prune).',
    },
    {
      level: 'warning',
      code: 'LOOP_LVM',
      message:
        'devicemapper runs in loop-lvm mode: its thin pool lives in sparse loopback files (/var/lib/docker/devicemapper/devicemapper/data, /var/lib/docker/devicemapper/devicemapper/metadata). That is only fit for testing: it is slow and can fill the filesystem underneath without warning. direct-lvm is the production mode (a dedicated block device as an LVM thin pool, dm.directlvm_device or dm.thinpooldev); better still, migrate to overlay2.',
    },
    {
      level: 'warning',
      code: 'DRIVER_REMOVED',
      message:
        'The devicemapper storage driver was removed in Docker Engine 25: this host cannot upgrade its engine past that release while it uses devicemapper. Plan a migration to overlay2: save what cannot be pulled or rebuilt (docker save, volume backups), set "storage-driver": "overlay2" in /etc/docker/daemon.json and restart the daemon; images and containers of the old driver stay on disk but are no longer visible, so pull or rebuild them.',
    },
  ],
};

/** devicemapper direct-lvm thin pool (kata-containers/runtime#1446). */
export const directLvmStorage: StorageReading = {
  driver: 'devicemapper',
  status: [
    ['Pool Name', 'docker-thinpool'],
    ['Pool Blocksize', '524.3kB'],
    ['Base Device Size', '10.74GB'],
    ['Backing Filesystem', 'xfs'],
    ['Udev Sync Supported', 'true'],
    ['Data Space Used', '6.162GB'],
    ['Data Space Total', '94.48GB'],
    ['Data Space Available', '88.31GB'],
    ['Metadata Space Used', '860.2kB'],
    ['Metadata Space Total', '994.1MB'],
    ['Metadata Space Available', '993.2MB'],
    ['Thin Pool Minimum Free Space', '9.448GB'],
    ['Deferred Removal Enabled', 'true'],
    ['Deferred Deletion Enabled', 'true'],
    ['Deferred Deleted Device Count', '0'],
    ['Library Version', '1.02.149-RHEL7 (2018-07-20)'],
  ],
  reading: {
    driver: 'devicemapper',
    pool: {
      poolName: 'docker-thinpool',
      poolBlocksize: 524300,
      baseDeviceSize: 10740000000,
      backingFilesystem: 'xfs',
      loopLvm: false,
      dataUsed: 6162000000,
      dataTotal: 94480000000,
      dataAvailable: 88310000000,
      metadataUsed: 860200,
      metadataTotal: 994100000,
      metadataAvailable: 993200000,
      dataUsedFraction: 0.06522015241320915,
      metadataUsedFraction: 0.0008653053012775374,
      thinPoolMinimumFreeSpace: 9448000000,
      udevSyncSupported: true,
      deferredRemovalEnabled: true,
      deferredDeletionEnabled: true,
      deferredDeletedDeviceCount: 0,
      libraryVersion: '1.02.149-RHEL7 (2018-07-20)',
    },
  },
  pool: {
    poolName: 'docker-thinpool',
    poolBlocksize: 524300,
    baseDeviceSize: 10740000000,
    backingFilesystem: 'xfs',
    loopLvm: false,
    dataUsed: 6162000000,
    dataTotal: 94480000000,
    dataAvailable: 88310000000,
    metadataUsed: 860200,
    metadataTotal: 994100000,
    metadataAvailable: 993200000,
    dataUsedFraction: 0.06522015241320915,
    metadataUsedFraction: 0.0008653053012775374,
    thinPoolMinimumFreeSpace: 9448000000,
    udevSyncSupported: true,
    deferredRemovalEnabled: true,
    deferredDeletionEnabled: true,
    deferredDeletedDeviceCount: 0,
    libraryVersion: '1.02.149-RHEL7 (2018-07-20)',
  },
  warnings: [
    {
      level: 'warning',
      code: 'DRIVER_REMOVED',
      message:
        'The devicemapper storage driver was removed in Docker Engine 25: this host cannot upgrade its engine past that release while it uses devicemapper. Plan a migration to overlay2: save what cannot be pulled or rebuilt (docker save, volume backups), set "storage-driver": "overlay2" in /etc/docker/daemon.json and restart the daemon; images and containers of the old driver stay on disk but are no longer visible, so pull or rebuild them.',
    },
  ],
};

/** overlay2 on ext4, read from the lab's dockerd 20.10.24. */
export const overlay2LabStorage: StorageReading = {
  driver: 'overlay2',
  status: [
    ['Backing Filesystem', 'extfs'],
    ['Supports d_type', 'true'],
    ['Native Overlay Diff', 'true'],
    ['userxattr', 'false'],
  ],
  reading: {
    driver: 'overlay2',
    backingFilesystem: 'extfs',
    supportsDType: true,
    nativeOverlayDiff: true,
    userxattr: false,
  },
  warnings: [],
};

/** btrfs, read from the lab's dockerd 20.10.24. */
export const btrfsLabStorage: StorageReading = {
  driver: 'btrfs',
  status: [
    ['Build Version', 'Btrfs v6.2'],
    ['Library Version', '102'],
  ],
  reading: {
    driver: 'btrfs',
    buildVersion: 'Btrfs v6.2',
    libraryVersion: 102,
  },
  warnings: [],
};

/** overlay2 on xfs without d_type (docker/for-linux#419). */
export const overlay2NoDTypeStorage: StorageReading = {
  driver: 'overlay2',
  status: [
    ['Backing Filesystem', 'xfs'],
    ['Supports d_type', 'false'],
    ['Native Overlay Diff', 'true'],
  ],
  reading: {
    driver: 'overlay2',
    backingFilesystem: 'xfs',
    supportsDType: false,
    nativeOverlayDiff: true,
  },
  warnings: [
    {
      level: 'critical',
      code: 'D_TYPE_UNSUPPORTED',
      message:
        'overlay2 runs on a xfs filesystem without d_type support: files can disappear or reappear inside containers, and current Docker Engine refuses to start on it. Move the Docker root to an xfs filesystem formatted with d_type (mkfs.xfs -n ftype=1; check with xfs_info: ftype=1), then restart the daemon and pull or rebuild the images.',
    },
  ],
};

/** /version and /info of the lab's tcp daemon. */
export const labSummary: DaemonSummary = {
  serverVersion: '20.10.24+dfsg1',
  apiVersion: '1.41',
  os: 'Debian GNU/Linux 12 (bookworm)',
  osType: 'linux',
  kernelVersion: '6.18.44-fc-v782',
  architecture: 'x86_64',
  cpus: 2,
  memoryBytes: 25276026880,
  name: 'vm',
  dockerRootDir: '/var/lib/docker',
  loggingDriver: 'json-file',
  cgroupDriver: 'cgroupfs',
  cgroupVersion: '1',
  securityOptions: ['name=seccomp,profile=default'],
  insecureRegistries: ['127.0.0.0/8'],
  registryMirrors: [],
  daemonWarnings: [
    "WARNING: API is accessible on http://127.0.0.1:23750 without encryption.\n         Access to the remote API is equivalent to root access on the host. Refer\n         to the 'Docker daemon attack surface' section in the documentation for\n         more information: https://docs.docker.com/go/attack-surface/",
    'WARNING: IPv4 forwarding is disabled',
  ],
  minApiVersion: '1.12',
};

/** /system/df of the lab's tcp daemon (legacy shape). */
export const labDiskUsage: DiskUsage = {
  images: {
    count: 1,
    active: 1,
    sizeBytes: 1984241,
    reclaimableBytes: 0,
  },
  containers: {
    count: 4,
    active: 2,
    sizeBytes: 0,
    reclaimableBytes: 0,
  },
  volumes: {
    count: 0,
    active: 0,
    sizeBytes: 0,
    reclaimableBytes: 0,
  },
  buildCache: {
    count: 0,
    active: 0,
    sizeBytes: 0,
    reclaimableBytes: 0,
  },
  shape: 'legacy',
};

/** /containers/json?all=1 of the lab's tcp daemon. */
export const labContainers: ContainerSummary[] = [
  {
    id: '32d57fee0731028ef6df60cf258162b940eb2f781f1c4810706fd525a36109e1',
    names: ['lab-created'],
    image: 'berth-lab/busybox:latest',
    state: 'created',
    status: 'Created',
    ports: [],
    created: 1795842659,
    labels: {
      'berth.lab': '1',
    },
  },
  {
    id: 'a1809e20afbdcf265044629a8a5ef8f812b86bef2d2256a12d7ef3879d45d753',
    names: ['lab-exited'],
    image: 'berth-lab/busybox:latest',
    state: 'exited',
    status: 'Exited (0) About a minute ago',
    ports: [],
    created: 1795842658,
    labels: {
      'berth.lab': '1',
    },
  },
  {
    id: '026bdc4e05b99f287ab9df2443d1f09f6ef6d9873479dea62150ab5b39a953df',
    names: ['lab-running-2'],
    image: 'berth-lab/busybox:latest',
    state: 'running',
    status: 'Up Less than a second',
    ports: [],
    created: 1795842657,
    labels: {
      'berth.lab': '1',
    },
  },
  {
    id: '57843cb8261f76217c1633ddffb3f27694d3406e64dd0ab98c21bf6c0358dbf2',
    names: ['lab-running-1'],
    image: 'berth-lab/busybox:latest',
    state: 'running',
    status: 'Up 1 second',
    ports: [],
    created: 1795842655,
    labels: {
      'berth.lab': '1',
    },
  },
];
