using System.Text.Json.Serialization;

namespace Marketo.Extract.Internal.Json;

/// <summary>A bulk export job as the create, enqueue, status, cancel and list endpoints send it.</summary>
internal sealed class ExportJobDto
{
    public string? ExportId { get; set; }

    public string? Format { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long? NumberOfRecords { get; set; }

    public long? FileSize { get; set; }

    public string? FileChecksum { get; set; }

    public string? ErrorMsg { get; set; }
}

/// <summary>The single result item of <c>GET /rest/v1/leads/describe2.json</c>.</summary>
internal sealed class LeadDescribe2Dto
{
    public List<LeadDescribe2FieldDto>? Fields { get; set; }
}

/// <summary>A field of describe2; <see cref="Name"/> is the REST name.</summary>
internal sealed class LeadDescribe2FieldDto
{
    public string? Name { get; set; }

    public string? DisplayName { get; set; }

    public string? DataType { get; set; }

    public int? Length { get; set; }

    public bool? Updateable { get; set; }
}

/// <summary>A result item of <c>GET /rest/v1/leads/describe.json</c>.</summary>
internal sealed class LeadDescribeFieldDto
{
    public string? DisplayName { get; set; }

    public string? DataType { get; set; }

    public int? Length { get; set; }

    /// <summary>Gets or sets the REST name and access; absent when the field cannot be used over REST.</summary>
    public LeadDescribeApiNameDto? Rest { get; set; }
}

/// <summary>The <c>rest</c> member of a describe field.</summary>
internal sealed class LeadDescribeApiNameDto
{
    public string? Name { get; set; }

    public bool? ReadOnly { get; set; }
}

/// <summary>The identity service's token response, or its OAuth error body.</summary>
internal sealed class IdentityTokenDto
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }
}

/// <summary>The body of <c>POST /bulk/v1/{leads|activities}/export/create.json</c>.</summary>
internal sealed class ExportCreateBody
{
    public required IReadOnlyList<string> Fields { get; init; }

    public string Format { get; init; } = "CSV";

    public required ExportFilterBody Filter { get; init; }
}

/// <summary>The <c>filter</c> member of an export create body; unset members are left out.</summary>
internal sealed class ExportFilterBody
{
    public ExportDateRangeBody? CreatedAt { get; init; }

    public ExportDateRangeBody? UpdatedAt { get; init; }

    public long? StaticListId { get; init; }

    public IReadOnlyList<int>? ActivityTypeIds { get; init; }
}

/// <summary>A <c>{startAt, endAt}</c> filter, formatted as whole-second UTC timestamps.</summary>
internal sealed class ExportDateRangeBody
{
    public required string StartAt { get; init; }

    public required string EndAt { get; init; }
}
