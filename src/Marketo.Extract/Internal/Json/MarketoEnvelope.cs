using System.Text.Json;

namespace Marketo.Extract.Internal.Json;

/// <summary>The members of Marketo's response envelope that every REST, Asset and Bulk response shares.</summary>
internal class MarketoEnvelope
{
    /// <summary>Gets or sets the correlation id, such as <c>e42b#14272d07d78</c>; some Asset responses send null.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the success flag; <see langword="false"/> means <see cref="Errors"/> says why.</summary>
    public bool? Success { get; set; }

    /// <summary>Gets or sets the response-level errors.</summary>
    public List<MarketoErrorDto>? Errors { get; set; }

    /// <summary>Gets or sets the warnings: strings in the Asset API, <c>{code, message}</c> objects elsewhere.</summary>
    public List<JsonElement>? Warnings { get; set; }

    /// <summary>Gets or sets the paging token of the next page, absent on the last page of position paging.</summary>
    public string? NextPageToken { get; set; }

    /// <summary>Gets or sets the flag that date-based paging uses to say another page exists.</summary>
    public bool? MoreResult { get; set; }
}

/// <summary>Marketo's response envelope with its <c>result</c> array typed.</summary>
/// <typeparam name="T">The type of the result items.</typeparam>
internal sealed class MarketoEnvelope<T> : MarketoEnvelope
{
    /// <summary>Gets or sets the result items; Marketo leaves the member out of errors and of some empty pages.</summary>
    public List<T>? Result { get; set; }
}

/// <summary>One item of <c>errors[]</c>.</summary>
internal sealed class MarketoErrorDto
{
    /// <summary>Gets or sets the code, such as <c>606</c>.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(MarketoErrorCodeJsonConverter))]
    public string? Code { get; set; }

    /// <summary>Gets or sets Marketo's message for the code.</summary>
    public string? Message { get; set; }
}
