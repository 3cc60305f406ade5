using System.Text.Json.Serialization;
using Marketo.Extract.Internal;

namespace Marketo.Extract.Streams;

/// <summary>The filter the leads stream uses to slice its bulk exports into windows.</summary>
/// <remarks>Saved in state as <c>updatedAt</c> or <c>createdAt</c>, the names of Marketo's filters.</remarks>
[JsonConverter(typeof(CamelCaseEnumConverter<LeadsFilterMode>))]
public enum LeadsFilterMode
{
    /// <summary>
    /// The time of a lead's last field update; sees edits to old leads. Not every subscription supports it.
    /// </summary>
    UpdatedAt,

    /// <summary>
    /// The lead's creation time; used when the subscription rejects <see cref="UpdatedAt"/>. Edits to leads
    /// created before the cursor are then missed.
    /// </summary>
    CreatedAt,
}
