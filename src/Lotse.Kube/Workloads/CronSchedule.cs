using System.Globalization;

namespace Lotse.Kube.Workloads;

/// <summary>
/// Checks a CronJob schedule the way kube-apiserver's parser (robfig/cron v3 <c>ParseStandard</c>) does: five fields
/// (minute hour day-of-month month day-of-week, with <c>*</c>, <c>?</c>, lists, ranges, steps, month and weekday names),
/// the <c>@yearly</c>…<c>@hourly</c> and <c>@every &lt;duration&gt;</c> descriptors, and an optional <c>TZ=</c>/<c>CRON_TZ=</c>
/// prefix. Only validates; nothing here schedules jobs.
/// </summary>
public static class CronSchedule
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly Dictionary<string, int> MonthNames = new(StringComparer.Ordinal)
    {
        ["jan"] = 1,
        ["feb"] = 2,
        ["mar"] = 3,
        ["apr"] = 4,
        ["may"] = 5,
        ["jun"] = 6,
        ["jul"] = 7,
        ["aug"] = 8,
        ["sep"] = 9,
        ["oct"] = 10,
        ["nov"] = 11,
        ["dec"] = 12,
    };

    private static readonly Dictionary<string, int> DayNames = new(StringComparer.Ordinal)
    {
        ["sun"] = 0,
        ["mon"] = 1,
        ["tue"] = 2,
        ["wed"] = 3,
        ["thu"] = 4,
        ["fri"] = 5,
        ["sat"] = 6,
    };

    private static readonly (int Min, int Max, Dictionary<string, int>? Names)[] Fields =
    [
        (0, 59, null),
        (0, 23, null),
        (1, 31, null),
        (1, 12, MonthNames),
        (0, 6, DayNames),
    ];

    /// <summary>The parser's error for <paramref name="schedule"/>, or null when it parses.</summary>
    public static string? ParseError(string schedule)
    {
        if (schedule.Length == 0)
        {
            return "empty spec string";
        }

        var spec = schedule;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var zone = space < 0 ? spec[(equals + 1)..] : spec[(equals + 1)..space];
            if (TimeZoneError(zone) is { } zoneError)
            {
                return $"provided bad location {zone}: {zoneError}";
            }

            spec = space < 0 ? "" : spec[space..].Trim();
        }

        if (spec.StartsWith('@'))
        {
            return Descriptor(spec);
        }

        var fields = spec.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var expr in fields[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (RangeError(expr, Fields[i].Min, Fields[i].Max, Fields[i].Names) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    /// <summary>Go's <c>time.LoadLocation</c> verdict on an IANA zone name, or null when the zone exists.</summary>
    public static string? TimeZoneError(string zone)
    {
        if (zone is "UTC" or "" or "Local")
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return $"unknown time zone {zone}";
        }

        return null;
    }

    private static string? Descriptor(string spec)
    {
        if (Descriptors.Contains(spec))
        {
            return null;
        }

        const string every = "@every ";
        if (spec.StartsWith(every, StringComparison.Ordinal))
        {
            var duration = spec[every.Length..];
            return IsGoDuration(duration) ? null : $"failed to parse duration {spec}: time: invalid duration \"{duration}\"";
        }

        return $"unrecognized descriptor: {spec}";
    }

    private static string? RangeError(string expr, int min, int max, Dictionary<string, int>? names)
    {
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        long start;
        long end;
        if (lowAndHigh[0] is "*" or "?")
        {
            start = min;
            end = max;
        }
        else
        {
            if (IntOrName(lowAndHigh[0], names, out start) is { } startError)
            {
                return startError;
            }

            switch (lowAndHigh.Length)
            {
                case 1:
                    end = start;
                    break;
                case 2:
                    if (IntOrName(lowAndHigh[1], names, out end) is { } endError)
                    {
                        return endError;
                    }

                    break;
                default:
                    return $"too many hyphens: {expr}";
            }
        }

        long step = 1;
        switch (rangeAndStep.Length)
        {
            case 1:
                break;
            case 2:
                if (PositiveInt(rangeAndStep[1], out step) is { } stepError)
                {
                    return stepError;
                }

                if (lowAndHigh.Length == 1)
                {
                    end = max;
                }

                break;
            default:
                return $"too many slashes: {expr}";
        }

        if (start < min)
        {
            return $"beginning of range ({start}) below minimum ({min}): {expr}";
        }

        if (end > max)
        {
            return $"end of range ({end}) above maximum ({max}): {expr}";
        }

        if (start > end)
        {
            return $"beginning of range ({start}) beyond end of range ({end}): {expr}";
        }

        return step == 0 ? $"step of range should be a positive number: {expr}" : null;
    }

    private static string? IntOrName(string expr, Dictionary<string, int>? names, out long value)
    {
        if (names is not null && names.TryGetValue(expr.ToLowerInvariant(), out var named))
        {
            value = named;
            return null;
        }

        return PositiveInt(expr, out value);
    }

    private static string? PositiveInt(string expr, out long value)
    {
        if (!long.TryParse(expr, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return $"failed to parse int from {expr}: strconv.Atoi: parsing \"{expr}\": invalid syntax";
        }

        return value < 0 ? $"negative number ({value}) not allowed: {expr}" : null;
    }

    /// <summary>Go's <c>time.ParseDuration</c> grammar: an optional sign, then number+unit pairs ("1h30m", "2.5s").</summary>
    private static bool IsGoDuration(string text)
    {
        var s = text.TrimStart('+', '-');
        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == numberStart)
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            if (s[unitStart..i] is not ("ns" or "us" or "µs" or "μs" or "ms" or "s" or "m" or "h"))
            {
                return false;
            }
        }

        return true;
    }
}
