import Taro from '@tarojs/taro'

export interface Place {
  name: string
  address: string
  /** GCJ-02, as WeChat's and Amap's maps take them. */
  latitude: number
  longitude: number
}

/**
 * Opens the map at a place, from where the phone's map app gives the route (导航): WeChat's own map page in the
 * mini-program; in the browser Amap's marker page (the H5 build has no WeChat JS-SDK, so Taro.openLocation fails there).
 */
export async function openMap(place: Place): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.openLocation({ ...place, scale: 17 })
    return
  }
  const query = new URLSearchParams({
    position: `${place.longitude},${place.latitude}`,
    name: place.name,
    src: 'bianmin-service-center',
    callnative: '1',
  })
  window.open(`https://uri.amap.com/marker?${query.toString()}`, '_blank', 'noopener')
}
