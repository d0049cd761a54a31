namespace Lotse.Kube.Selectors;

public enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One clause of a label selector (apimachinery <c>labels.Requirement</c>).</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(Func<string, string?> lookup)
    {
        var value = lookup(Key);
        return Operator switch
        {
            LabelOperator.Equals or LabelOperator.In => value is not null && Values.Contains(value),
            LabelOperator.NotEquals or LabelOperator.NotIn => value is null || !Values.Contains(value),
            LabelOperator.Exists => value is not null,
            LabelOperator.DoesNotExist => value is null,
            LabelOperator.GreaterThan => value is not null && long.TryParse(value, out var g) && g > long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
            LabelOperator.LessThan => value is not null && long.TryParse(value, out var l) && l < long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
            _ => false,
        };
    }
}
