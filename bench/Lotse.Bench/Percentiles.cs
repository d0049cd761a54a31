namespace Lotse.Bench;

/// <summary>Order statistics of measured samples (nearest-rank).</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Summary(IReadOnlyList<double> milliseconds) =>
        $"p50 {Of(milliseconds, 50):F1} ms, p90 {Of(milliseconds, 90):F1} ms, max {milliseconds.Max():F1} ms (n={milliseconds.Count})";
}
