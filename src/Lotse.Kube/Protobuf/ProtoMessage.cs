namespace Lotse.Kube.Protobuf;

/// <summary>A Kubernetes protobuf message: its fields in Go declaration order (the order JSON is written in).</summary>
internal sealed class ProtoMessage
{
    private readonly int[] _indexByNumber;

    public ProtoMessage(string name, ProtoSpecial special, ProtoField[] fields)
    {
        Name = name;
        Special = special;
        Fields = fields;
        var max = fields.Length == 0 ? 0 : fields.Max(f => f.Number);
        _indexByNumber = new int[max + 1];
        Array.Fill(_indexByNumber, -1);
        for (var i = 0; i < fields.Length; i++)
        {
            if (_indexByNumber[fields[i].Number] >= 0)
            {
                throw new InvalidOperationException($"{name}: field number {fields[i].Number} defined twice");
            }

            _indexByNumber[fields[i].Number] = i;
        }
    }

    public string Name { get; }

    public ProtoSpecial Special { get; }

    public ProtoField[] Fields { get; }

    /// <summary>Index into <see cref="Fields"/>, or -1 for a number this schema does not know (skipped on read).</summary>
    public int IndexOf(int number) => number >= 0 && number < _indexByNumber.Length ? _indexByNumber[number] : -1;
}
