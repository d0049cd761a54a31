using System.Globalization;

namespace Lotse.Bench;

/// <summary>Minimal "--name value" parsing shared by the sub-commands.</summary>
internal sealed class BenchArguments(string[] args)
{
    public int Int(string name, int fallback)
    {
        var text = String(name);
        return text is null ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
    }

    public string? String(string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return null;
        }

        return index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{name} needs a value");
    }
}
