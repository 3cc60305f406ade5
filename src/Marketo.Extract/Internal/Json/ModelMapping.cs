using System.Diagnostics.CodeAnalysis;
using Marketo.Extract.Models;

namespace Marketo.Extract.Internal.Json;

/// <summary>
/// Maps the wire shapes to the public models. A member that a model requires but Marketo left out is reported
/// with the endpoint and the item, rather than filled with a default that would pass for data.
/// </summary>
internal static class ModelMapping
{
    public static ActivityType ToModel(this ActivityTypeDto dto, string endpoint) => new()
    {
        Id = Require(dto.Id, "id", endpoint, dto.Name),
        Name = Require(dto.Name, "name", endpoint, dto.Id),
        Description = dto.Description,
        ApiName = dto.ApiName,
        PrimaryAttribute = dto.PrimaryAttribute is { } primary ? ToModel(primary) : null,
        Attributes = dto.Attributes?.Select(ToModel).ToArray() ?? [],
        AdditionalProperties = dto.AdditionalProperties,
    };

    public static Campaign ToModel(this CampaignDto dto, string endpoint) => new()
    {
        Id = Require(dto.Id, "id", endpoint, dto.Name),
        Name = Require(dto.Name, "name", endpoint, dto.Id),
        Description = dto.Description,
        Type = dto.Type,
        ProgramId = dto.ProgramId,
        ProgramName = dto.ProgramName,
        WorkspaceName = dto.WorkspaceName,
        CreatedAt = Require(dto.CreatedAt, "createdAt", endpoint, dto.Id),
        UpdatedAt = Require(dto.UpdatedAt, "updatedAt", endpoint, dto.Id),
        Active = dto.Active,
        AdditionalProperties = dto.AdditionalProperties,
    };

    public static StaticList ToModel(this StaticListDto dto, string endpoint) => new()
    {
        Id = Require(dto.Id, "id", endpoint, dto.Name),
        Name = Require(dto.Name, "name", endpoint, dto.Id),
        Description = dto.Description,
        ProgramName = dto.ProgramName,
        WorkspaceName = dto.WorkspaceName,
        CreatedAt = Require(dto.CreatedAt, "createdAt", endpoint, dto.Id),
        UpdatedAt = Require(dto.UpdatedAt, "updatedAt", endpoint, dto.Id),
        AdditionalProperties = dto.AdditionalProperties,
    };

    public static MarketoProgram ToModel(this ProgramDto dto, string endpoint) => new()
    {
        Id = Require(dto.Id, "id", endpoint, dto.Name),
        Name = Require(dto.Name, "name", endpoint, dto.Id),
        Description = dto.Description,
        Type = dto.Type,
        Channel = dto.Channel,
        Status = dto.Status,
        Workspace = dto.Workspace,
        Url = dto.Url,
        Folder = dto.Folder,
        CreatedAt = Require(dto.CreatedAt, "createdAt", endpoint, dto.Id),
        UpdatedAt = Require(dto.UpdatedAt, "updatedAt", endpoint, dto.Id),
        AdditionalProperties = dto.AdditionalProperties,
    };

    public static LeadActivity ToModel(this LeadActivityDto dto, string endpoint) => new()
    {
        Id = dto.Id,
        MarketoGuid = Require(dto.MarketoGuid, "marketoGUID", endpoint, dto.Id),
        LeadId = Require(dto.LeadId, "leadId", endpoint, dto.MarketoGuid),
        ActivityDate = Require(dto.ActivityDate, "activityDate", endpoint, dto.MarketoGuid),
        ActivityTypeId = Require(dto.ActivityTypeId, "activityTypeId", endpoint, dto.MarketoGuid),
        CampaignId = dto.CampaignId,
        PrimaryAttributeValueId = dto.PrimaryAttributeValueId,
        PrimaryAttributeValue = dto.PrimaryAttributeValue,
        Attributes = dto.Attributes,
        AdditionalProperties = dto.AdditionalProperties,
    };

    private static ActivityAttributeDefinition ToModel(ActivityAttributeDto dto) => new()
    {
        Name = dto.Name ?? dto.ApiName ?? string.Empty,

        // Marketo reads an attribute of unknown type as text, so a missing type is read the same way.
        DataType = string.IsNullOrEmpty(dto.DataType) ? "string" : dto.DataType,
        ApiName = dto.ApiName,
    };

    private static T Require<T>([NotNull] T? value, string member, string endpoint, object? item)
        where T : struct =>
        value ?? throw Missing(member, endpoint, item);

    private static string Require([NotNull] string? value, string member, string endpoint, object? item) =>
        string.IsNullOrEmpty(value) ? throw Missing(member, endpoint, item) : value;

    private static MarketoException Missing(string member, string endpoint, object? item) =>
        new($"{endpoint} returned an item ({item ?? "unnamed"}) without '{member}', which every item must have; the " +
            "response cannot be read. Report it to the Marketo.Extract maintainers if it persists.");
}
