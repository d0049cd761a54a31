using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lotse.Aws.Logs;

public sealed partial class LogsService
{
    private void GetLogEvents(AwsRequestContext request, LogsRequest body, Utf8JsonWriter json)
    {
        var group = RequireGroup(request, body);
        var streamName = body.String("logStreamName") ?? throw LogsErrors.InvalidParameter(
            "1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
        var stream = group.Streams.FirstOrDefault(s => s.Name == streamName) ?? throw LogsErrors.NoSuchStream();
        var startTime = body.Long("startTime") ?? long.MinValue;
        var endTime = body.Long("endTime") ?? long.MaxValue;
        var limit = body.Limit("limit", 10_000, 10_000);

        // GetLogEvents: startTime inclusive, endTime exclusive.
        var events = stream.Events.Snapshot().Where(e => e.Timestamp >= startTime && e.Timestamp < endTime).ToList();
        var token = body.String("nextToken");
        List<LogEvent> page;
        if (token is null)
        {
            page = body.Bool("startFromHead") == true ? events.Take(limit).ToList() : events.Skip(Math.Max(0, events.Count - limit)).ToList();
        }
        else if (ParseStreamToken(token, 'f') is { } from)
        {
            page = events.Where(e => e.Sequence >= from).Take(limit).ToList();
        }
        else if (ParseStreamToken(token, 'b') is { } before)
        {
            var earlier = events.Where(e => e.Sequence < before).ToList();
            page = earlier.Skip(Math.Max(0, earlier.Count - limit)).ToList();
        }
        else
        {
            throw LogsErrors.InvalidParameter("The specified nextToken is invalid.");
        }

        var written = WriteEvents(json, page, stream);
        json.WriteString("nextForwardToken", written > 0 ? StreamToken('f', page[written - 1].Sequence + 1) : token ?? StreamToken('f', stream.Events.Appended));
        json.WriteString("nextBackwardToken", written > 0 ? StreamToken('b', page[0].Sequence) : token ?? StreamToken('b', 0));
    }

    private void FilterLogEvents(AwsRequestContext request, LogsRequest body, Utf8JsonWriter json)
    {
        var group = RequireGroup(request, body);
        var names = body.Strings("logStreamNames");
        var prefix = body.String("logStreamNamePrefix");
        if (names is not null && prefix is not null)
        {
            throw LogsErrors.InvalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix.");
        }

        var startTime = body.Long("startTime") ?? long.MinValue;
        var endTime = body.Long("endTime") ?? long.MaxValue;
        var limit = body.Limit("limit", 10_000, 10_000);
        var pattern = LogFilterPattern.Parse(body.String("filterPattern"));
        var after = body.String("nextToken") is { } token ? ParseFilterToken(token) : null;
        var streams = group.Streams
            .Where(s => (names is null || names.Contains(s.Name)) && (prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        // FilterLogEvents: startTime and endTime both inclusive; events of all streams interleaved by time.
        var matches = streams
            .SelectMany(s => s.Events.Snapshot().Where(e => e.Timestamp >= startTime && e.Timestamp <= endTime).Select(e => (Stream: s, Event: e)))
            .Where(m => after is null || CompareKey(m.Event.Timestamp, m.Stream.Name, m.Event.Sequence, after.Value) > 0)
            .OrderBy(m => m.Event.Timestamp).ThenBy(m => m.Stream.Name, StringComparer.Ordinal).ThenBy(m => m.Event.Sequence);

        json.WriteStartArray("events");
        var count = 0;
        var bytes = 0;
        (LogStream Stream, LogEvent Event)? last = null;
        var more = false;
        foreach (var (stream, logEvent) in matches)
        {
            var message = stream.Format(logEvent);
            if (!pattern.Matches(message))
            {
                continue;
            }

            if (count == limit || (count > 0 && bytes + message.Length > MaxPageBytes))
            {
                more = true;
                break;
            }

            json.WriteStartObject();
            json.WriteString("logStreamName", stream.Name);
            json.WriteNumber("timestamp", logEvent.Timestamp);
            json.WriteString("message", message);
            json.WriteNumber("ingestionTime", logEvent.IngestionTime);
            json.WriteString("eventId", EventId(stream, logEvent));
            json.WriteEndObject();
            count++;
            bytes += message.Length;
            last = (stream, logEvent);
        }

        json.WriteEndArray();
        json.WriteStartArray("searchedLogStreams");
        foreach (var stream in streams)
        {
            json.WriteStartObject();
            json.WriteString("logStreamName", stream.Name);
            json.WriteBoolean("searchedCompletely", !more);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (more && last is { } position)
        {
            json.WriteString("nextToken", FilterToken(position.Event.Timestamp, position.Stream.Name, position.Event.Sequence));
        }
    }

    private static int WriteEvents(Utf8JsonWriter json, List<LogEvent> events, LogStream stream)
    {
        json.WriteStartArray("events");
        var bytes = 0;
        var written = 0;
        foreach (var logEvent in events)
        {
            var message = stream.Format(logEvent);
            if (written > 0 && bytes + message.Length > MaxPageBytes)
            {
                break;
            }

            json.WriteStartObject();
            json.WriteNumber("timestamp", logEvent.Timestamp);
            json.WriteString("message", message);
            json.WriteNumber("ingestionTime", logEvent.IngestionTime);
            json.WriteEndObject();
            bytes += message.Length;
            written++;
        }

        json.WriteEndArray();
        return written;
    }

    // 56 digits, as CloudWatch's event ids: timestamp, then the stream's position in the group, then the sequence.
    private static string EventId(LogStream stream, in LogEvent logEvent) =>
        string.Create(CultureInfo.InvariantCulture, $"{logEvent.Timestamp:D20}{(uint)StringComparer.Ordinal.GetHashCode(stream.Name) % 10_000:D4}{logEvent.Sequence:D32}");

    // CloudWatch's stream tokens look like "f/<56 digits>/s"; Lotse's carry the event sequence in the same shape.
    private static string StreamToken(char direction, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{direction}/{sequence:D56}/s");

    private static long? ParseStreamToken(string token, char direction) =>
        token.Length > 4 && token[0] == direction && token[1] == '/' && token.EndsWith("/s", StringComparison.Ordinal)
        && long.TryParse(token.AsSpan(2, token.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;

    private readonly record struct FilterPosition(long Timestamp, string Stream, long Sequence);

    private static string FilterToken(long timestamp, string stream, long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}|{sequence}|{stream}")));

    private static FilterPosition? ParseFilterToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 3);
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return new FilterPosition(timestamp, parts[2], sequence);
            }
        }
        catch (FormatException)
        {
        }

        throw LogsErrors.InvalidParameter("The specified nextToken is invalid.");
    }

    private static int CompareKey(long timestamp, string stream, long sequence, FilterPosition position)
    {
        var byTime = timestamp.CompareTo(position.Timestamp);
        if (byTime != 0)
        {
            return byTime;
        }

        var byStream = string.CompareOrdinal(stream, position.Stream);
        return byStream != 0 ? byStream : sequence.CompareTo(position.Sequence);
    }
}
