import { describe, expect, it } from 'vitest'
import { cameraFromForm, cameraServerErrors, emptyCameraForm, formFromCamera } from './camera-form'

const filled = {
  ...emptyCameraForm('default'),
  name: ' Waterhole north ',
  serial_number: 'RX-001',
  site: 'Ridge',
  notes: '',
  lat: '-1.28333',
  lon: '36.81667',
}

describe('camera form', () => {
  it('builds the body, trimming text and leaving empty fields null', () => {
    expect(cameraFromForm(filled)).toEqual({
      body: { name: 'Waterhole north', serial_number: 'RX-001', site: 'Ridge', notes: null, location: { lat: -1.28333, lon: 36.81667 } },
      errors: {},
    })
  })

  it('allows a camera without a location, not half of one', () => {
    expect(cameraFromForm({ ...filled, lat: '', lon: '' }).body.location).toBeNull()
    expect(cameraFromForm({ ...filled, lon: '' }).errors).toEqual({ lon: 'Longitude is required' })
  })

  it('names every field that is wrong', () => {
    const { errors } = cameraFromForm({ ...filled, name: '  ', lat: '95', lon: 'x', serial_number: 'x'.repeat(121) })
    expect(errors).toEqual({
      name: 'A name, e.g. "Waterhole north"',
      lat: 'Latitude must be between -90 and 90',
      lon: 'Longitude must be a number, e.g. 36.81667',
      serial_number: 'At most 120 characters',
    })
  })

  it('round-trips a camera', () => {
    const camera = { name: 'A', serial_number: null, site: 'S', notes: 'n', location: { lat: 1.5, lon: -2 } }
    expect(cameraFromForm(formFromCamera(camera, 'marsh')).body).toEqual({ ...camera })
    expect(formFromCamera(camera, 'marsh').project).toBe('marsh')
  })

  it('puts API errors beside their fields', () => {
    expect(
      cameraServerErrors(422, [
        { loc: ['body', 'location', 'lon'], msg: 'Input should be less than or equal to 180' },
        { loc: ['body', 'name'], msg: 'too long' },
      ]),
    ).toEqual({ lon: 'Input should be less than or equal to 180', name: 'too long' })
    expect(cameraServerErrors(409, 'a camera with this serial number already exists')).toEqual({
      serial_number: 'A camera with this serial number already exists',
    })
    expect(cameraServerErrors(409, 'a camera with this name already exists')).toEqual({ name: 'A camera with this name already exists' })
    expect(cameraServerErrors(500, 'boom')).toEqual({})
  })
})
