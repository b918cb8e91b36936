/** Vehicle attributes as the NVR writes them in `carAttribute`. */
export interface VehicleAttributes {
  /** `sedan`, `suv`, `mpv`, `truck`, … */
  carType: string
  /** Vehicle colour (not the plate's). */
  color: string
  brand: string
  model: string
}
