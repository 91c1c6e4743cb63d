import Foundation

/// A position on the earth in decimal degrees (WGS 84).
public struct Coordinate: Hashable, Codable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Mean earth radius of the IUGG, the radius SPEC.md fixes for distances.
    public static let earthRadiusKilometres = 6371.0088

    /// Great-circle distance by the haversine formula, which stays accurate
    /// for the short distances (same city) that dominate account plans.
    public func distanceKilometres(to other: Coordinate) -> Double {
        let radians = Double.pi / 180
        let phi1 = latitude * radians, phi2 = other.latitude * radians
        let dPhi = (other.latitude - latitude) * radians
        let dLambda = (other.longitude - longitude) * radians
        let h = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * Self.earthRadiusKilometres * asin(min(1, h.squareRoot()))
    }
}
