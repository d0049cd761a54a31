using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

/// <summary>
/// What one kind adds to the generic <see cref="KubeObjectStore"/> (upstream: <c>pkg/registry/core/&lt;kind&gt;/strategy.go</c>).
/// Everything has a sensible default, so a simple kind overrides only validation and its table columns.
/// </summary>
public abstract class KubeStrategy
{
    public virtual NameFormat NameFormat => NameFormat.Dns1123Subdomain;

    /// <summary>PUT without <c>metadata.resourceVersion</c> is allowed (last writer wins) — true for every core kind here.</summary>
    public virtual bool AllowUnconditionalUpdate => true;

    /// <summary>DELETE answers with the object instead of a Status (namespaces: the client sees Terminating).</summary>
    public virtual bool ReturnDeletedObject => false;

    /// <summary>Field selector names beyond <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public virtual IReadOnlyList<string> ExtraSelectableFields => [];

    public abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>
    /// Strategic-merge-patch list semantics of the kind: dotted path → merge key ("" = merged list of scalars), from the
    /// Go types' <c>patchStrategy:"merge"</c> tags. Lists not named here are replaced as a whole.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> PatchMergeKeys => Lotse.Kube.Patch.StrategicMergePatch.CommonMergeKeys;

    /// <summary>Top-level fields of the kind besides apiVersion/kind/metadata; others are unknown (dropped, warned or refused per fieldValidation).</summary>
    public virtual IReadOnlyList<string> TopLevelFields { get; } = ["spec", "status"];

    /// <summary>The kind's OpenAPI v3 schema for <c>/openapi/v3</c>; null: an open object (no client-side field knowledge).</summary>
    public virtual JsonObject? OpenApiSchema => null;

    /// <summary>Whether PATCH takes strategic merge patches (custom resources do not: no patch strategies without Go types).</summary>
    public virtual bool SupportsStrategicMergePatch => true;

    /// <summary>
    /// Drops the fields the kind does not know and returns their paths (reported per fieldValidation): by default the
    /// top level and metadata; custom resources prune by their structural schema.
    /// </summary>
    public virtual List<string> RemoveUnknownFields(JsonObject obj) => Lotse.Kube.Serialization.UnknownFields.Remove(obj, TopLevelFields);

    /// <summary>
    /// A type error the typed decoder would have hit (e.g. a number where a string belongs, bad base64), as the
    /// text after "Kind in version "v1" cannot be handled as a Kind: "; null when the object decodes.
    /// </summary>
    public virtual string? DecodeError(JsonObject obj) => null;

    /// <summary>Defaults and clears server-owned fields before validation on create.</summary>
    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    public virtual void Validate(JsonObject obj, List<FieldError> errors)
    {
    }

    /// <summary>Carries server-owned fields over from <paramref name="old"/> (e.g. an allocated cluster IP).</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
    }

    public virtual void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => Validate(obj, errors);

    /// <summary>Extra store writes committed atomically with the create (allocations). Called again on each retry.</summary>
    public virtual ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations) => ValueTask.CompletedTask;

    /// <summary>Extra store writes committed atomically with an update (allocations a type change needs). Called again on each retry.</summary>
    public virtual ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations) => ValueTask.CompletedTask;

    /// <summary>Extra store writes committed atomically with the delete (releasing allocations, cascading content).</summary>
    public virtual ValueTask OnDeleteAsync(KubeWriteContext context, JsonObject old, List<StoreOperation> operations) => ValueTask.CompletedTask;

    /// <summary>
    /// Called after a write of this kind committed (with every operation of the commit), before the client hears of it:
    /// lets in-memory views of the kind (the RBAC policy) see the write on the very next request.
    /// </summary>
    public virtual void OnCommitted(KubeWriteContext context, IReadOnlyList<StoreOperation> operations, long revision)
    {
    }

    /// <summary>Value of an extra selectable field (empty string when absent, like upstream's field sets).</summary>
    public virtual string GetSelectableField(JsonObject obj, string field) => "";

    /// <summary>Appends one cell per column (strings or integers), formatted as kubectl's printers do.</summary>
    public abstract void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells);
}
