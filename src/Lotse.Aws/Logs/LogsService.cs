using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Lotse.Aws.Logs;

/// <summary>
/// The read side of CloudWatch Logs (awsJson1_1, <c>X-Amz-Target: Logs_20140328.&lt;Op&gt;</c>, signing name
/// <c>logs</c>): DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents over the log groups that
/// <see cref="ILogGroupSource"/>s hold in memory. Nothing can be written through it; the groups are Lotse's own.
/// </summary>
public sealed partial class LogsService : IAwsService
{
    public const string TargetPrefix = "Logs_20140328.";

    /// <summary>CloudWatch Logs stops a page at 1 MB of messages (or the event limit, whichever comes first).</summary>
    private const int MaxPageBytes = 1_048_576;

    private readonly ILogGroupSource[] _sources;

    public LogsService(IEnumerable<ILogGroupSource> sources) => _sources = sources.ToArray();

    public string SigningName => "logs";

    public AwsProtocol Protocol => AwsProtocol.Json;

    public async ValueTask HandleAsync(AwsRequestContext request)
    {
        var target = request.Http.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : "";
        var body = LogsRequest.Parse(request.Body);
        var output = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            switch (operation)
            {
                case "DescribeLogGroups":
                    DescribeLogGroups(request, body, json);
                    break;
                case "DescribeLogStreams":
                    DescribeLogStreams(request, body, json);
                    break;
                case "GetLogEvents":
                    GetLogEvents(request, body, json);
                    break;
                case "FilterLogEvents":
                    FilterLogEvents(request, body, json);
                    break;
                default:
                    throw LogsErrors.UnknownOperation();
            }

            json.WriteEndObject();
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/x-amz-json-1.1";
        response.ContentLength = output.WrittenCount;
        await response.Body.WriteAsync(output.WrittenMemory, request.Aborted);
    }

    private IEnumerable<LogGroup> Groups(AwsRequestContext request) =>
        _sources.SelectMany(s => s.LogGroups(request.Caller.AccountId, request.Region));

    /// <summary>The group a request names by <c>logGroupName</c> or <c>logGroupIdentifier</c> (a name or an ARN).</summary>
    private LogGroup RequireGroup(AwsRequestContext request, LogsRequest body)
    {
        var name = body.String("logGroupName");
        var identifier = body.String("logGroupIdentifier");
        if (name is not null && identifier is not null)
        {
            throw LogsErrors.InvalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }

        name ??= identifier is null ? null
            : identifier.StartsWith("arn:", StringComparison.Ordinal) ? ArnGroupName(identifier) : identifier;
        if (name is null)
        {
            throw LogsErrors.InvalidParameter("Should provide either name or ARN of the log group.");
        }

        return Groups(request).FirstOrDefault(g => g.Name == name) ?? throw LogsErrors.NoSuchGroup();
    }

    // arn:aws:logs:<region>:<account>:log-group:<name>[:*]
    private static string? ArnGroupName(string arn)
    {
        const string Marker = ":log-group:";
        var at = arn.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var name = arn[(at + Marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }

    private void DescribeLogGroups(AwsRequestContext request, LogsRequest body, Utf8JsonWriter json)
    {
        var prefix = body.String("logGroupNamePrefix");
        var pattern = body.String("logGroupNamePattern");
        if (prefix is not null && pattern is not null)
        {
            throw LogsErrors.InvalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }

        var limit = body.Limit("limit", 50, 50);
        var after = body.String("nextToken");
        var groups = Groups(request)
            .Where(g => prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(g => pattern is null || g.Name.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            .Where(g => after is null || string.CompareOrdinal(g.Name, after) > 0)
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();

        json.WriteStartArray("logGroups");
        foreach (var group in groups.Take(limit))
        {
            json.WriteStartObject();
            json.WriteString("logGroupName", group.Name);
            json.WriteNumber("creationTime", group.CreationTime);
            json.WriteNumber("metricFilterCount", 0);
            json.WriteString("arn", group.Arn + ":*");
            json.WriteNumber("storedBytes", 0);
            json.WriteString("logGroupClass", "STANDARD");
            json.WriteString("logGroupArn", group.Arn);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (groups.Count > limit)
        {
            json.WriteString("nextToken", groups[limit - 1].Name);
        }
    }

    private void DescribeLogStreams(AwsRequestContext request, LogsRequest body, Utf8JsonWriter json)
    {
        var group = RequireGroup(request, body);
        var prefix = body.String("logStreamNamePrefix");
        var orderBy = body.String("orderBy") ?? "LogStreamName";
        if (orderBy is not ("LogStreamName" or "LastEventTime"))
        {
            throw LogsErrors.InvalidParameter($"1 validation error detected: Value '{orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }

        if (orderBy == "LastEventTime" && prefix is not null)
        {
            throw LogsErrors.InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var limit = body.Limit("limit", 50, 50);
        var streams = group.Streams
            .Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => (Stream: s, Events: s.Events.Snapshot()))
            .ToList();
        IEnumerable<(LogStream Stream, LogEvent[] Events)> ordered = orderBy == "LogStreamName"
            ? streams.OrderBy(s => s.Stream.Name, StringComparer.Ordinal)
            : streams.OrderBy(s => s.Events.Length == 0 ? 0 : s.Events[^1].Timestamp).ThenBy(s => s.Stream.Name, StringComparer.Ordinal);
        if (body.Bool("descending") == true)
        {
            ordered = ordered.Reverse();
        }

        var list = ordered.ToList();
        var start = body.String("nextToken") is { } token && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? Math.Min(index, list.Count) : 0;
        json.WriteStartArray("logStreams");
        foreach (var (stream, events) in list.Skip(start).Take(limit))
        {
            json.WriteStartObject();
            json.WriteString("logStreamName", stream.Name);
            json.WriteNumber("creationTime", stream.CreationTime);
            if (events.Length > 0)
            {
                json.WriteNumber("firstEventTimestamp", events[0].Timestamp);
                json.WriteNumber("lastEventTimestamp", events[^1].Timestamp);
                json.WriteNumber("lastIngestionTime", events[^1].IngestionTime);
            }

            json.WriteString("arn", $"{group.Arn}:log-stream:{stream.Name}");
            json.WriteNumber("storedBytes", 0);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (start + limit < list.Count)
        {
            json.WriteString("nextToken", (start + limit).ToString(CultureInfo.InvariantCulture));
        }
    }
}
