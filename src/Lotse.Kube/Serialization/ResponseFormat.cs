namespace Lotse.Kube.Serialization;

/// <summary>How a GET/LIST/WATCH answer is shaped, negotiated from the Accept header.</summary>
public enum ResponseShape
{
    Object,
    Table,
    PartialObjectMetadata,
}

/// <summary>The negotiated shape plus the meta.k8s.io version to label it with.</summary>
public readonly record struct ResponseFormat(ResponseShape Shape, string MetaVersion)
{
    public static ResponseFormat Default => new(ResponseShape.Object, "v1");

    public string MetaApiVersion => $"meta.k8s.io/{MetaVersion}";

    /// <summary>
    /// Picks the first Accept entry we can serve, in the client's order: kubectl sends
    /// <c>application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json</c>.
    /// Null when nothing acceptable is offered (406).
    /// </summary>
    public static ResponseFormat? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Default;
        }

        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';');
            var mediaType = parts[0].Trim().ToLowerInvariant();
            if (mediaType is not ("application/json" or "*/*" or "application/*" or "application/yaml"))
            {
                continue;
            }

            string? asKind = null, group = null, version = null;
            foreach (var parameter in parts.AsSpan(1))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    continue;
                }

                var key = parameter[..eq].Trim();
                var value = parameter[(eq + 1)..].Trim();
                switch (key)
                {
                    case "as": asKind = value; break;
                    case "g": group = value; break;
                    case "v": version = value; break;
                }
            }

            if (asKind is null)
            {
                return Default;
            }

            if (group == "meta.k8s.io" && version is "v1" or "v1beta1")
            {
                if (asKind == "Table")
                {
                    return new ResponseFormat(ResponseShape.Table, version);
                }

                if (asKind is "PartialObjectMetadata" or "PartialObjectMetadataList")
                {
                    return new ResponseFormat(ResponseShape.PartialObjectMetadata, version);
                }
            }
        }

        return null;
    }
}
