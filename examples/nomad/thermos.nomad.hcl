# A thermos task as a Nomad batch job: `thermos run` under the raw_exec driver (no isolation: it
# runs as the Nomad client's user, usually root, as thermos expects), the checkpoint root in a
# directory of the host that outlives the allocation, and `thermos observe` as a sidecar task
# registered as a service Prometheus can find.
#
#   nomad job run thermos.nomad.hcl
#   nomad alloc logs -job thermos-hello runner
#
# thermos is installed on the clients in /opt/thermos (a checkout with its jars built;
# THERMOS_NO_REBUILD=1 keeps bin/thermos from looking for Maven). The task id is fixed
# (--task_id): when Nomad restarts the task after its runner died (the restart block) or
# reschedules it on the same client, the same command on the same root resumes the task where
# the checkpoint left it. A task that ended (FAILED 1, KILLED 3, ...) is over: a restart of it
# exits 105 at once.
job "thermos-hello" {
  datacenters = ["dc1"]
  type        = "batch"

  group "hello" {
    count = 1

    network {
      port "http" {
        static = 1338
      }
    }

    restart {
      attempts = 3
      delay    = "15s"
      mode     = "fail"
    }

    task "runner" {
      driver = "raw_exec"

      config {
        command = "/opt/thermos/bin/thermos"
        args    = ["run", "--root", "/var/lib/thermos", "--task_id", "hello", "local/task.json"]
      }

      env {
        THERMOS_NO_REBUILD = "1"
      }

      # SIGTERM is a graceful kill: the finalizers run within the task's finalization_wait (30 s),
      # before Nomad's SIGKILL at kill_timeout.
      kill_signal  = "SIGTERM"
      kill_timeout = "45s"

      # The task file. Nomad's templates use {{ }} as thermos's do: other delimiters keep thermos's
      # references ({{thermos.task_id}}, {{thermos.ports[http]}}) for thermos.
      template {
        destination     = "local/task.json"
        left_delimiter  = "[["
        right_delimiter = "]]"
        data            = <<EOT
{
  "name": "hello",
  "finalization_wait": 30,
  "processes": [
    {"name": "fetch", "cmdline": "echo fetching; sleep 1; echo data > data.txt"},
    {"name": "work", "cmdline": "for i in 1 2 3; do echo working $i; sleep 1; done; wc -c data.txt"},
    {"name": "report", "cmdline": "echo done > report.txt", "final": true}
  ],
  "constraints": [{"order": ["fetch", "work"]}]
}
EOT
      }
    }

    task "observer" {
      driver = "raw_exec"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        command = "/opt/thermos/bin/thermos"
        args    = ["observe", "--root", "/var/lib/thermos", "--bind", "0.0.0.0",
                   "--port", "1338", "--history", "local/history"]
      }

      env {
        THERMOS_NO_REBUILD = "1"
      }

      service {
        name     = "thermos-observer"
        port     = "http"
        provider = "nomad"
        tags     = ["prometheus", "metrics_path=/metrics"]

        check {
          type     = "http"
          path     = "/health"
          interval = "10s"
          timeout  = "2s"
        }
      }
    }
  }
}
