using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Pods;

/// <summary>
/// The READY, STATUS and RESTARTS cells of <c>kubectl get pods</c>, following printers.go's printPod: the phase (or
/// status reason) is overridden by the first unfinished init container, then by the last container that is waiting or
/// terminated; a pod being deleted shows Terminating.
/// </summary>
public readonly record struct PodTableSummary(int Ready, int Total, string Reason, string Restarts)
{
    public static PodTableSummary Of(JsonObject pod, DateTimeOffset now)
    {
        var spec = pod.GetObject("spec");
        var status = pod.GetObject("status");
        var reason = status.GetString("reason") is { Length: > 0 } r ? r : status.GetString("phase") ?? "";
        var conditions = status.GetArray("conditions")?.OfType<JsonObject>().ToList() ?? [];
        if (conditions.Any(c => c.GetString("type") == "PodScheduled" && c.GetString("status") == "False" && c.GetString("reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initSpecs = spec.GetArray("initContainers")?.OfType<JsonObject>().ToList() ?? [];
        var sidecars = initSpecs.Where(c => c.GetString("restartPolicy") == "Always").Select(c => c.GetString("name")).ToHashSet();
        var total = (spec.GetArray("containers")?.Count ?? 0) + sidecars.Count;
        var ready = 0;
        long restarts = 0;
        DateTimeOffset? lastRestart = null;
        void NoteRestart(JsonObject container)
        {
            restarts += container.GetInt("restartCount") ?? 0;
            var finished = JsonObjectExtensions.ParseTime(container.GetObject("lastState").GetObject("terminated").GetString("finishedAt"));
            if (finished is { } time && (lastRestart is null || time > lastRestart))
            {
                lastRestart = time;
            }
        }

        var initializing = false;
        var initStatuses = status.GetArray("initContainerStatuses")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            NoteRestart(container);
            var state = container.GetObject("state");
            var terminated = state.GetObject("terminated");
            if (terminated is not null && terminated.GetInt("exitCode") == 0)
            {
                continue;
            }

            if (sidecars.Contains(container.GetString("name")) && IsTrue(container, "started"))
            {
                if (IsTrue(container, "ready"))
                {
                    ready++;
                }

                continue;
            }

            var waiting = state.GetObject("waiting").GetString("reason");
            reason = terminated is not null
                ? terminated.GetString("reason") is { Length: > 0 } tr ? "Init:" + tr : ExitText("Init:", terminated)
                : waiting is { Length: > 0 } && waiting != "PodInitializing"
                    ? "Init:" + waiting
                    : string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{initSpecs.Count}");
            initializing = true;
            break;
        }

        if (!initializing || conditions.Any(c => c.GetString("type") == "Initialized" && c.GetString("status") == "True"))
        {
            restarts = 0;
            lastRestart = null;
            foreach (var container in initStatuses.Where(c => sidecars.Contains(c.GetString("name"))))
            {
                NoteRestart(container);
            }

            var running = false;
            var statuses = status.GetArray("containerStatuses")?.OfType<JsonObject>().ToList() ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                NoteRestart(container);
                var state = container.GetObject("state");
                var terminated = state.GetObject("terminated");
                if (state.GetObject("waiting").GetString("reason") is { Length: > 0 } waiting)
                {
                    reason = waiting;
                }
                else if (terminated is not null)
                {
                    reason = terminated.GetString("reason") is { Length: > 0 } tr ? tr : ExitText("", terminated);
                }
                else if (IsTrue(container, "ready") && state?["running"] is not null)
                {
                    running = true;
                    ready++;
                }
            }

            if (reason == "Completed" && running)
            {
                reason = conditions.Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True") ? "Running" : "NotReady";
            }
        }

        if (pod.MetaString("deletionTimestamp") is not null)
        {
            if (status.GetString("reason") == "NodeLost")
            {
                reason = "Unknown";
            }
            else if (status.GetString("phase") is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        var restartText = restarts.ToString(CultureInfo.InvariantCulture);
        if (lastRestart is { } last)
        {
            restartText += $" ({HumanDuration.Since(last, now)} ago)";
        }

        return new PodTableSummary(ready, total, reason, restartText);
    }

    private static bool IsTrue(JsonObject container, string field) =>
        container[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;

    private static string ExitText(string prefix, JsonObject terminated) =>
        terminated.GetInt("signal") is { } signal && signal != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{prefix}Signal:{signal}")
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}ExitCode:{terminated.GetInt("exitCode") ?? 0}");
}
